package io.cacheman.server.internal.protocol;

import io.cacheman.server.internal.security.Credentials;
import io.cacheman.server.internal.store.CNumbers;

/**
 * memcached's ASCII authentication ({@code -Y}), byte for byte as 1.6.18 answers it: until a
 * connection has authenticated, every line except {@code set <key> <flags> <exptime> <bytes>}
 * gets {@code CLIENT_ERROR unauthenticated} (the connection stays open, {@code quit} included);
 * the {@code set}'s data block {@code <user> <password>\r\n} answers {@code STORED} and opens the
 * connection to every command, or {@code CLIENT_ERROR authentication failure}. Only the command
 * name and the length are read from the line, as memcached reads them (its {@code safe_strtoul},
 * the {@code \r} left in the last word); the key, flags and exptime are ignored, nothing is
 * stored.
 *
 * <p>One quirk is kept on purpose, because clients see it: memcached builds each of these replies
 * in one response object reused until it is written, so of several unauthenticated commands that
 * arrive together only the last one's reply is sent, and it writes after every 21st (then 20th)
 * command of a batch. Replies here replace one another the same way ({@link Output#reset}).
 *
 * <p>Not thread-safe: one per connection.
 */
final class AuthGate {
  static final byte[] UNAUTHENTICATED = Words.ascii("CLIENT_ERROR unauthenticated\r\n");
  static final byte[] BAD_TERMINATION = Words.ascii(
      "CLIENT_ERROR bad command line termination\r\n");
  static final byte[] BAD_TOKEN = Words.ascii("CLIENT_ERROR bad authentication token format\r\n");
  static final byte[] FAILURE = Words.ascii("CLIENT_ERROR authentication failure\r\n");
  /** memcached's line limit before it closes a connection sending junk. */
  private static final int MAX_LINE = 2048;
  /**
   * Longest data block taken: memcached holds the whole block in its 16 KB read buffer (and
   * closes once that fills); no user:password line of its file can be longer than 255 bytes.
   */
  private static final int MAX_TOKEN = 8192;
  /** memcached's {@code reqs_per_event} (20): commands per batch before it writes. */
  private static final int FIRST_BATCH = 21;
  private static final int LATER_BATCH = 20;

  private final ProtocolHandler h;
  private final Credentials credentials;
  private final int[] words = new int[10];
  private boolean authenticated;
  /** The data block being collected, or null while reading lines. */
  private byte[] token;
  private int tokenFill;
  private long replyMark;
  private long flushedAtReply = -1;
  private int batchUsed;
  private int batchLimit;

  AuthGate(ProtocolHandler handler, Credentials credentials) {
    this.h = handler;
    this.credentials = credentials;
  }

  boolean authenticated() {
    return authenticated;
  }

  /** True while an auth {@code set}'s data block is only partly here. */
  boolean inCommand() {
    return token != null;
  }

  /**
   * Consumes unauthenticated commands from {@code buf[pos, limit)}; returns the position of the
   * first byte not consumed: where the authenticated protocol takes over, or an incomplete line.
   */
  int process(byte[] buf, int pos, int limit) {
    while (pos < limit && !authenticated && !h.closeRequested() && h.mayContinue()) {
      if (token != null) {
        int n = Math.min(token.length - tokenFill, limit - pos);
        System.arraycopy(buf, pos, token, tokenFill, n);
        tokenFill += n;
        pos += n;
        if (tokenFill == token.length) {
          finishToken();
        }
        continue;
      }
      if (limit - pos < 2) {
        return pos; // memcached waits for two bytes before it looks at a line
      }
      int nl = Bytes.indexOfNewline(buf, pos, limit);
      if (nl < 0) {
        if (limit - pos > MAX_LINE) {
          h.stats.protocolErrors.increment();
          h.requestClose();
          return limit;
        }
        return pos;
      }
      startCommand(buf, pos, nl);
      pos = nl + 1;
    }
    return pos;
  }

  /** A line (without its {@code \n}; a {@code \r} stays in the last word, as in memcached). */
  private void startCommand(byte[] buf, int from, int to) {
    int n = split(buf, from, to);
    boolean isSet = n >= 5 && words[1] - words[0] == 3
        && Bytes.startsWith(buf, words[0], words[1], "set");
    if (!isSet || !CNumbers.parseUnsigned64(buf, words[8], words[9], h.number)) {
      reply(UNAUTHENTICATED);
      return;
    }
    long size = h.number[0] & 0xFFFF_FFFFL; // safe_strtoul keeps the low 32 bits
    if (size + 2 > MAX_TOKEN) {
      // memcached would wait for the block until its read buffer filled, then close
      h.stats.protocolErrors.increment();
      h.requestClose();
      return;
    }
    token = new byte[(int) size + 2];
    tokenFill = 0;
  }

  /** The whole block is here: memcached's checks, in its order. */
  private void finishToken() {
    byte[] t = token;
    token = null;
    int len = t.length;
    if (len < 2 || t[len - 2] != '\r' || t[len - 1] != '\n') {
      reply(BAD_TERMINATION);
      return;
    }
    int end = len - 2;
    for (int i = 0; i < end; i++) {
      if (t[i] == 0) {
        end = i; // memcached reads the block as a C string
        break;
      }
    }
    if (split(t, 0, end) < 2) {
      reply(BAD_TOKEN);
      return;
    }
    h.stats.authCmds.increment();
    boolean ok = credentials.check(t, words[0], words[1], words[2], words[3]);
    java.util.Arrays.fill(t, (byte) 0);
    if (ok) {
      reply(Words.STORED);
      authenticated = true;
    } else {
      h.stats.authErrors.increment();
      reply(FAILURE);
    }
  }

  /**
   * memcached's tokenizer: words separated by single spaces (runs of them count as one); the
   * first five words' bounds go to {@link #words}. Returns the number of words.
   */
  private int split(byte[] buf, int from, int to) {
    int count = 0;
    int start = from;
    for (int i = from; i <= to; i++) {
      if (i == to || buf[i] == ' ') {
        if (i > start) {
          if (count < 5) {
            words[2 * count] = start;
            words[2 * count + 1] = i;
          }
          count++;
        }
        start = i + 1;
      }
    }
    return count;
  }

  /** Writes one reply, replacing the previous one while memcached would still be reusing it. */
  private void reply(byte[] line) {
    Output out = h.out;
    boolean sameBatch = flushedAtReply == out.flushed() && !out.isEmpty();
    if (sameBatch && batchUsed < batchLimit) {
      out.reset(replyMark);
    } else {
      batchLimit = sameBatch ? LATER_BATCH : FIRST_BATCH;
      batchUsed = 0;
    }
    batchUsed++;
    replyMark = out.mark();
    out.write(line);
    flushedAtReply = out.flushed();
    h.commandCompleted();
  }
}
