package io.cacheman.server.internal.protocol;

/**
 * The tokens of one command line, as offsets into the connection's read buffer (nothing is
 * copied). Tokens are separated by single or repeated spaces, exactly as memcached's {@code
 * tokenize_command} splits them; tabs and other bytes belong to tokens.
 *
 * <p>Like memcached, at most {@value #MAX_TOKENS} tokens are kept: a longer line reports {@link
 * #count()} as {@value #TOO_MANY}, which no fixed-arity command accepts. Multi-key commands read
 * their keys with {@link #nextToken} instead, so they have no such limit.
 */
final class CommandLine {
  static final int MAX_TOKENS = 23;
  static final int TOO_MANY = MAX_TOKENS + 1;

  private final int[] start = new int[MAX_TOKENS];
  private final int[] end = new int[MAX_TOKENS];
  private byte[] buf;
  private int lineEnd;
  private int count;

  /** Splits {@code buf[from, to)}. */
  void tokenize(byte[] buf, int from, int to) {
    this.buf = buf;
    this.lineEnd = to;
    count = 0;
    int i = from;
    while (true) {
      while (i < to && buf[i] == ' ') {
        i++;
      }
      if (i == to) {
        return;
      }
      if (count == MAX_TOKENS) {
        count = TOO_MANY;
        return;
      }
      start[count] = i;
      while (i < to && buf[i] != ' ') {
        i++;
      }
      end[count] = i;
      count++;
    }
  }

  byte[] buffer() {
    return buf;
  }

  /** Number of tokens, or {@link #TOO_MANY}. */
  int count() {
    return count;
  }

  int start(int token) {
    return start[token];
  }

  int end(int token) {
    return end[token];
  }

  int length(int token) {
    return end[token] - start[token];
  }

  boolean is(int token, byte[] word) {
    int len = end[token] - start[token];
    if (len != word.length) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (buf[start[token] + i] != word[i]) {
        return false;
      }
    }
    return true;
  }

  /** True when the last token is {@code noreply}, memcached's {@code set_noreply_maybe}. */
  boolean lastIsNoreply() {
    int last = Math.min(count, MAX_TOKENS) - 1;
    return last > 0 && is(last, Words.NOREPLY);
  }

  /**
   * Start of the first token at or after {@code from}, or -1 at the end of the line; its end is
   * {@link #tokenEnd}. For walking the keys of a get line of any length.
   */
  int nextToken(int from) {
    int i = from;
    while (i < lineEnd && buf[i] == ' ') {
      i++;
    }
    return i == lineEnd ? -1 : i;
  }

  int tokenEnd(int tokenStart) {
    int i = tokenStart;
    while (i < lineEnd && buf[i] != ' ') {
      i++;
    }
    return i;
  }
}
