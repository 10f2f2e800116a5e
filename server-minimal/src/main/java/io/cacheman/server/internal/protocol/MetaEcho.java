package io.cacheman.server.internal.protocol;

import io.cacheman.server.internal.store.Items;

/**
 * The fields a meta reply copies back from its request, in request order: the opaque token
 * ({@code O…}, at most 32 bytes with its {@code O}), the key ({@code k}; base64-encoded and
 * followed by {@code b} when the key is binary) and, for {@code ms}, the place of the cas
 * ({@code c}), which is known only once the data block is stored. Rendered into a buffer so that
 * {@code ms} can answer after the line it came from is gone. One per connection; not thread-safe.
 */
final class MetaEcho {
  private static final int MAX_OPAQUE = 32;
  private static final byte[] KEY_BINARY = Words.ascii(" b");
  private static final byte[] CAS = Words.ascii(" c");
  /** An opaque, a key (base64 at most 4/3 of it) and the flag letters, spaces and b. */
  private final byte[] buf = new byte[MAX_OPAQUE + Items.MAX_KEY_LENGTH * 4 / 3 + 16];
  private int len;
  private int casAt;

  /**
   * Renders the {@code O} and {@code k} fields (and with {@code withCas} notes where {@code c}
   * goes) of tokens {@code [first, count)}; false when an opaque token is too long.
   */
  boolean render(CommandLine line, int first, MetaFlags flags, boolean keyBinary,
      boolean withCas) {
    len = 0;
    casAt = -1;
    byte[] b = line.buffer();
    for (int i = first; i < line.count(); i++) {
      byte f = b[line.start(i)];
      if (f == 'O') {
        if (line.length(i) > MAX_OPAQUE) {
          return false;
        }
        buf[len++] = ' ';
        System.arraycopy(b, line.start(i), buf, len, line.length(i));
        len += line.length(i);
      } else if (f == 'k') {
        len = key(flags, keyBinary, buf, len);
      } else if (f == 'c' && withCas) {
        casAt = len;
      }
    }
    return true;
  }

  /** True when the opaque token at {@code token} is longer than memcached allows. */
  static boolean opaqueTooLong(CommandLine line, int token) {
    return line.length(token) > MAX_OPAQUE;
  }

  /** Writes the rendered fields, {@code c<cas>} in its place if asked for. */
  void writeTo(Output out, long cas) {
    if (casAt < 0) {
      out.write(buf, 0, len);
      return;
    }
    out.write(buf, 0, casAt);
    out.write(CAS);
    out.writeUnsigned(cas);
    out.write(buf, casAt, len - casAt);
  }

  /** Writes a {@code k} field for the command's key straight to {@code out}. */
  void writeKey(Output out, MetaFlags flags, boolean keyBinary) {
    writeKey(out, flags, keyBinary, true);
  }

  /** Writes the key ({@code me}'s way: bare, base64 without a {@code b} when binary). */
  void writeKey(Output out, MetaFlags flags, boolean keyBinary, boolean asField) {
    int n = key(flags, keyBinary, asField, buf, 0);
    out.write(buf, 0, n);
  }

  private static int key(MetaFlags flags, boolean keyBinary, byte[] dst, int at) {
    return key(flags, keyBinary, true, dst, at);
  }

  private static int key(MetaFlags flags, boolean keyBinary, boolean asField, byte[] dst,
      int at) {
    if (asField) {
      dst[at++] = ' ';
      dst[at++] = 'k';
    }
    if (!keyBinary) {
      System.arraycopy(flags.key, flags.keyOff, dst, at, flags.keyLen);
      return at + flags.keyLen;
    }
    at = Base64Key.encode(flags.key, flags.keyOff, flags.keyLen, dst, at);
    if (!asField) {
      return at;
    }
    System.arraycopy(KEY_BINARY, 0, dst, at, KEY_BINARY.length);
    return at + KEY_BINARY.length;
  }
}
