package io.cacheman.server.internal.protocol;

import io.cacheman.server.internal.store.CNumbers;
import io.cacheman.server.internal.store.ItemStore;
import io.cacheman.server.internal.store.Items;

/**
 * The flags of one meta command line, parsed as memcached 1.6.18's {@code _meta_flag_preparse}
 * parses them: each token after the key (or, for {@code ms}, after the length) is a flag named by
 * its first byte, perhaps followed by an argument. A repeated flag or a byte of 127 or more
 * stops at once with {@code duplicate flag}, an unknown one with {@code invalid flag}; a bad
 * argument is remembered and parsing goes on, so the error reported is the last one met (a bad
 * {@code F} argument sets none of its own: it reports whichever came before it, by default
 * {@code bad command line format}). {@code P} and {@code L} are accepted and ignored (proxy hints).
 *
 * <p>With {@code b} the key is base64-decoded into {@link #key}; otherwise {@link #key} is the
 * line buffer and the key's bytes are read in place. Flags that only ask for reply fields ({@code
 * k}, {@code O}, {@code c}, {@code t}…) are not recorded here: each command walks the tokens
 * again in order to write its reply, as memcached does. One instance per connection; not
 * thread-safe.
 */
final class MetaFlags {
  private final boolean[] seen = new boolean[127];
  private final byte[] decoded = new byte[Items.MAX_KEY_LENGTH];
  private final long[] num = new long[1];
  private int expiry;

  byte[] error;
  byte[] key;
  int keyOff;
  int keyLen;
  boolean keyBinary;
  boolean value;
  boolean noUpdate;
  boolean noReply;
  boolean invalidate;
  boolean vivify;
  boolean hasTtl;
  boolean hasCas;
  /** Stored expiries (see {@link ItemStore#expiry}) for N, T and R. */
  int vivifyExpiry;
  int ttlExpiry;
  int recacheExpiry;
  long clientFlags;
  long cas;
  long delta;
  long initial;
  /** The {@code M} flag's byte, or 0. */
  byte mode;

  /**
   * Parses the tokens from {@code first} on, the key being token 1; false when the line is
   * refused, with the error line in {@link #error}.
   */
  boolean parse(CommandLine line, int first, ItemStore store) {
    reset(line);
    byte[] buf = line.buffer();
    boolean failed = false;
    // callers refuse longer lines first; the bound keeps a wrong caller from reading past them
    for (int i = first, n = Math.min(line.count(), CommandLine.MAX_TOKENS); i < n; i++) {
      int s = line.start(i);
      int e = line.end(i);
      int o = buf[s] & 0xff;
      if (o >= seen.length || seen[o]) {
        error = MetaWords.DUPLICATE_FLAG;
        return false;
      }
      seen[o] = true;
      switch (o) {
        case 'b':
          failed |= fail(!key(line, true), MetaWords.BAD_KEY_ENCODING);
          break;
        case 'N':
          vivify = true;
          failed |= !ttl(buf, s, e, store);
          vivifyExpiry = expiry;
          break;
        case 'T':
          hasTtl = ttl(buf, s, e, store);
          failed |= !hasTtl;
          ttlExpiry = expiry;
          break;
        case 'R':
          failed |= !ttl(buf, s, e, store);
          recacheExpiry = expiry;
          break;
        case 'F':
          // stricter than memcached, which keeps the low 32 bits of a larger number
          failed |= !CNumbers.parseUnsigned32(buf, s + 1, e, num);
          clientFlags = num[0];
          break;
        case 'C':
          hasCas = !fail(!CNumbers.parseUnsigned64(buf, s + 1, e, num), MetaWords.BAD_TOKEN);
          failed |= !hasCas;
          cas = num[0];
          break;
        case 'M':
          failed |= fail(e - s != 2, MetaWords.BAD_M_LENGTH);
          mode = e - s == 2 ? buf[s + 1] : 0;
          break;
        case 'J':
          failed |= fail(!CNumbers.parseUnsigned64(buf, s + 1, e, num), MetaWords.BAD_INITIAL);
          initial = num[0];
          break;
        case 'D':
          failed |= fail(!CNumbers.parseUnsigned64(buf, s + 1, e, num), MetaWords.BAD_DELTA);
          delta = num[0];
          break;
        case 'v':
          value = true;
          break;
        case 'u':
          noUpdate = true;
          break;
        case 'q':
          noReply = true;
          break;
        case 'I':
          invalidate = true;
          break;
        case 'O': case 'P': case 'L': case 'k': case 's': case 't': case 'c': case 'f':
        case 'h': case 'l':
          break;
        default:
          error = MetaWords.INVALID_FLAG;
          return false;
      }
    }
    return !failed;
  }

  /**
   * Sets {@link #key} to token 1 of the line, base64-decoded when {@code binary}; false when it
   * does not decode.
   */
  boolean key(CommandLine line, boolean binary) {
    keyBinary = binary;
    if (!binary) {
      key = line.buffer();
      keyOff = line.start(1);
      keyLen = line.length(1);
      return true;
    }
    key = decoded;
    keyOff = 0;
    keyLen = Base64Key.decode(line.buffer(), line.start(1), line.length(1), decoded);
    return keyLen > 0;
  }

  private void reset(CommandLine line) {
    java.util.Arrays.fill(seen, false);
    error = Words.BAD_FORMAT;
    key(line, false);
    value = false;
    noUpdate = false;
    noReply = false;
    invalidate = false;
    vivify = false;
    hasTtl = false;
    hasCas = false;
    vivifyExpiry = 0;
    ttlExpiry = 0;
    recacheExpiry = 0;
    clientFlags = 0;
    cas = 0;
    delta = 1;
    initial = 0;
    mode = 0;
  }

  /**
   * A TTL argument ({@code buf[s + 1, e)}) as a stored expiry into {@link #expiry}, the way
   * memcached's {@code realtime} converts it when it parses the flag; false when not a number.
   */
  private boolean ttl(byte[] buf, int s, int e, ItemStore store) {
    boolean ok = !fail(!CNumbers.parseSigned32(buf, s + 1, e, num), MetaWords.BAD_TOKEN);
    expiry = ok ? store.expiry(num[0]) : 0;
    return ok;
  }

  /** Records {@code message} as the error when {@code bad}; returns {@code bad}. */
  private boolean fail(boolean bad, byte[] message) {
    if (bad) {
      error = message;
    }
    return bad;
  }
}
