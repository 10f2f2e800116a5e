package io.cacheman.server.internal.protocol;

import io.cacheman.server.internal.store.CNumbers;
import io.cacheman.server.internal.store.ItemRead;

/**
 * {@code get}/{@code gets <key>*} and {@code gat}/{@code gats <exptime> <key>*}, read key by key
 * as the line arrives, so a line of any length is served (memcached serves them too) while the
 * connection holds no more than one key of it; between two keys the command pauses while the
 * connection may not take more replies ({@link ProtocolHandler#mayContinue}) and resumes where it
 * stopped once they are written. A key that is too long (or, stricter than memcached, holds a
 * control character) turns the whole reply into {@code CLIENT_ERROR bad command line format}, as
 * memcached discards the hits it had gathered; when part of the reply has already been written
 * to the socket (a reply larger than a connection may hold), the error line ends it instead.
 */
final class RetrievalCommands {
  /** {@link #begin}: not a retrieval command. */
  static final int NOT_RETRIEVAL = -1;
  /** {@link #begin}: too few bytes yet to tell. */
  static final int NEED_MORE = -2;
  /** Longest token a key (250 bytes, maybe a {@code \r}) or an exptime can be. */
  private static final int MAX_TOKEN = 252;
  private static final int MAX_LEADING_SPACES = 100;
  private static final byte[][] WORDS = {Words.GET, Words.GETS, Words.GAT, Words.GATS};

  private final ProtocolHandler h;
  private boolean withCas;
  private boolean touch;
  private boolean needExptime;
  private boolean badExptime;
  private boolean badKey;
  private boolean skipping;
  private boolean done;
  private int tokens;
  private int matched;
  private int expiry;
  private long mark;
  private long markFlushed;

  RetrievalCommands(ProtocolHandler handler) {
    this.h = handler;
  }

  /**
   * Starts a retrieval command if the line at {@code pos} is one (its name then a space, after
   * at most 100 spaces, memcached's rule for long get lines): returns the position after the
   * name, or {@link #NOT_RETRIEVAL}, or {@link #NEED_MORE}. A line is started once it is complete
   * or longer than {@code maxLine}: a complete line has its keys checked before any is read, so
   * its reply cannot depend on how the line was cut into reads (a bad key refuses the whole
   * line, as in memcached); only a longer line is read while it arrives.
   */
  int begin(byte[] buf, int pos, int limit, int lineEnd, int maxLine) {
    if (lineEnd < 0 && limit - pos <= maxLine) {
      int w = word(buf, pos, limit);
      return w == NOT_RETRIEVAL ? NOT_RETRIEVAL : NEED_MORE;
    }
    int next = word(buf, pos, limit);
    if (next >= 0) {
      start(matched == 1 || matched == 3, matched >= 2);
      badKey = lineEnd >= 0 && !keysValid(buf, next, lineEnd);
    }
    return next;
  }

  /** True when every key of the complete line {@code buf[from, lineEnd)} is valid. */
  private boolean keysValid(byte[] buf, int from, int lineEnd) {
    int end = lineEnd > from && buf[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
    boolean skipExptime = touch;
    int i = from;
    while (i < end) {
      if (buf[i] == ' ') {
        i++;
        continue;
      }
      int e = i;
      while (e < end && buf[e] != ' ') {
        e++;
      }
      if (skipExptime) {
        skipExptime = false;
      } else if (!Keys.valid(buf, i, e - i)) {
        return false;
      }
      i = e;
    }
    return true;
  }

  private int word(byte[] buf, int pos, int limit) {
    int i = pos;
    while (i < limit && buf[i] == ' ' && i - pos <= MAX_LEADING_SPACES) {
      i++;
    }
    if (i - pos > MAX_LEADING_SPACES) {
      return NOT_RETRIEVAL;
    }
    boolean partial = false;
    for (int w = 0; w < WORDS.length; w++) {
      byte[] word = WORDS[w];
      int k = 0;
      while (k < word.length && i + k < limit && buf[i + k] == word[k]) {
        k++;
      }
      if (k == word.length && i + k < limit && buf[i + k] == ' ') {
        matched = w;
        return i + k + 1;
      }
      partial |= i + k == limit;
    }
    return partial ? NEED_MORE : NOT_RETRIEVAL;
  }

  private void start(boolean cas, boolean gat) {
    withCas = cas;
    touch = gat;
    needExptime = gat;
    badExptime = false;
    badKey = false;
    skipping = false;
    done = false;
    tokens = 0;
    mark = h.out.mark();
    markFlushed = h.out.flushed();
  }

  /** True once the line has ended and its reply is written. */
  boolean done() {
    return done;
  }

  /** Reads keys from {@code buf[pos, limit)}; returns the first position not consumed. */
  int keys(byte[] buf, int pos, int limit) {
    while (pos < limit) {
      if (skipping) { // the rest of a token too long for a key
        while (pos < limit && buf[pos] != ' ' && buf[pos] != '\n') {
          pos++;
        }
        skipping = pos == limit;
        continue;
      }
      if (buf[pos] == ' ') {
        pos++;
        continue;
      }
      if (buf[pos] == '\n') {
        finish();
        return pos + 1;
      }
      int e = pos;
      while (e < limit && buf[e] != ' ' && buf[e] != '\n') {
        e++;
      }
      if (e == limit) {
        if (limit - pos <= MAX_TOKEN) {
          return pos; // the rest of this token is still to come
        }
        token(buf, pos, MAX_TOKEN + 1); // too long: refused whatever follows
        skipping = true;
        return limit;
      }
      int end = buf[e] == '\n' && buf[e - 1] == '\r' ? e - 1 : e;
      if (end > pos) {
        if (!needExptime && !badExptime && !badKey && !h.mayContinue()) {
          return pos; // the client is not reading: resume at this key once it has
        }
        token(buf, pos, end - pos);
      }
      pos = e;
    }
    return pos;
  }

  private void token(byte[] buf, int at, int len) {
    tokens++;
    if (needExptime) {
      needExptime = false;
      if (len > MAX_TOKEN || !CNumbers.parseSigned32(buf, at, at + len, h.number)) {
        badExptime = true;
      } else {
        expiry = h.store.expiry(h.number[0]);
      }
      return;
    }
    if (badExptime || badKey) {
      return; // memcached stops at the first bad token; the rest of the line is read and dropped
    }
    if (len > MAX_TOKEN || !Keys.valid(buf, at, len)) {
      badKey = true;
      return;
    }
    h.stats.cmdGet.increment();
    ItemRead read = h.read;
    boolean hit;
    if (touch) {
      h.stats.cmdTouch.increment();
      hit = h.store.getAndTouch(buf, at, len, expiry, read);
    } else {
      hit = h.store.get(buf, at, len, read);
    }
    if (hit) {
      writeValue(h.out, buf, at, len, read, withCas);
    }
  }

  private void finish() {
    done = true;
    Output out = h.out;
    if (tokens == 0) {
      h.error(); // "get" and a space, nothing else: memcached's token count rule
    } else if (badExptime) {
      out.write(Words.BAD_EXPTIME);
    } else if (badKey) {
      if (out.flushed() == markFlushed) {
        out.reset(mark);
      }
      h.stats.protocolErrors.increment();
      out.write(Words.BAD_FORMAT);
    } else {
      out.write(Words.END);
    }
  }

  private static void writeValue(Output out, byte[] buf, int key, int keyLen, ItemRead read,
      boolean withCas) {
    int valueLen = read.valueLength();
    out.write(Words.VALUE);
    out.write(buf, key, keyLen);
    out.writeByte(' ');
    out.writeUnsigned(read.flags());
    out.writeByte(' ');
    out.writeUnsigned(valueLen);
    if (withCas) {
      out.writeByte(' ');
      out.writeUnsigned(read.cas());
    }
    out.write(Words.CRLF);
    writeBlock(out, read);
  }

  /** Writes the value read, with its {@code \r\n}: copied, or by reference into its page. */
  static void writeBlock(Output out, ItemRead read) {
    int len = read.valueLength() + 2;
    if (read.isCopied()) {
      out.write(read.copy(), 0, len);
    } else {
      out.writeReferenced(read.page(), read.offset(), len, read.handle());
    }
  }
}
