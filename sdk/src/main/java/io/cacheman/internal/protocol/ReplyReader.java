package io.cacheman.internal.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import okio.Buffer;

/**
 * Reads memcached replies out of a buffer that fills up as bytes arrive, never blocking and never
 * consuming a partial line or data block: each method takes a whole frame or leaves the buffer as it
 * was, so a decoder can stop at any byte and resume on the next read. Every scan is bounded: a line
 * may be at most {@link #MAX_LINE} bytes before its CRLF (the longest legal reply line is a
 * {@code VALUE} line with a 250-byte key); a longer one, a bare LF, or a data block not followed by
 * CRLF is a {@link ProtocolException}. The current line is copied into a reusable array and parsed in
 * place, so reading a reply allocates nothing but the value bytes.
 *
 * <p>Not thread-safe: one reader per connection, used by whoever holds its read role.
 */
public final class ReplyReader {
  /** The longest reply line accepted, CRLF excluded. */
  public static final int MAX_LINE = 2048;
  /** How much of a long read {@link #append} takes first: room for a few reply lines before a block's line. */
  static final int LOOKAHEAD = 4096;
  private final Buffer in;
  private final int maxBlock;
  private final byte[] line = new byte[MAX_LINE + 2];
  private int length;
  private int cursor;
  private byte[] openBlock; // the data block being filled while its bytes arrive, or null
  private int openFilled;

  /**
   * A reader over {@code in}, to which bytes are added as they arrive (a connection adds them with
   * {@link #append}, which moves a large value's bytes straight into its array), refusing any data
   * block over {@code maxBlock} bytes ({@code cacheman.max-value-size}) before buffering it.
   */
  public ReplyReader(Buffer in, int maxBlock) {
    this.in = in;
    this.maxBlock = maxBlock;
  }

  /** The largest data block this reader accepts. */
  public int maxBlock() {
    return maxBlock;
  }

  /**
   * Takes part of the bytes that arrived: decode it, then append the rest. While a data block is
   * open (being filled) the part is the rest of the block, moved straight into its array: a large
   * value is then copied once on its way from the socket, not into the buffer's segments and out
   * again. Otherwise it is at most {@value #LOOKAHEAD} bytes into the buffer, so that the line that
   * opens the next block is decoded before the block's own bytes are taken.
   */
  public void append(ByteBuffer arrived) throws IOException {
    if (openBlock != null && openFilled < openBlock.length) { // fillBlock left the buffer empty
      int n = Math.min(arrived.remaining(), openBlock.length - openFilled);
      arrived.get(openBlock, openFilled, n);
      openFilled += n;
      return;
    }
    int limit = arrived.limit();
    arrived.limit(arrived.position() + Math.min(arrived.remaining(), LOOKAHEAD));
    in.write(arrived);
    arrived.limit(limit);
  }

  /** Takes the next complete line, or returns false consuming nothing; too long or ending in a bare LF: throws. */
  public boolean readLine() throws ProtocolException {
    long scan = Math.min(in.size(), MAX_LINE + 2L);
    long newline = in.indexOf((byte) '\n', 0, scan);
    if (newline < 0) {
      if (scan == MAX_LINE + 2L) {
        throw new ProtocolException("reply line longer than " + MAX_LINE + " bytes: " + preview(in));
      }
      return false;
    }
    int n = (int) newline + 1;
    int read = 0;
    while (read < n) {
      read += in.read(line, read, n - read);
    }
    if (n < 2 || line[n - 2] != '\r') {
      length = n - 1;
      throw new ProtocolException("reply line not ended by CRLF: " + line());
    }
    length = n - 2;
    cursor = 0;
    return true;
  }

  /** True when the current line is exactly {@code literal}. */
  public boolean lineIs(byte[] literal) {
    return length == literal.length && regionEquals(0, literal);
  }

  /** True when the current line starts with {@code prefix}; the token cursor then sits after it. */
  public boolean lineStartsWith(byte[] prefix) {
    if (length < prefix.length || !regionEquals(0, prefix)) {
      return false;
    }
    cursor = prefix.length;
    return true;
  }

  /** The current line as printable text, for messages (non-ASCII bytes escaped, long lines cut). */
  public String line() {
    return printable(line, 0, length);
  }

  /** The current line from the token cursor to its end, decoded as UTF-8. */
  public String restOfLine() {
    return new String(line, cursor, length - cursor, StandardCharsets.UTF_8);
  }

  /** Consumes the next space-separated token if it equals {@code expected}, else returns false; none throws. */
  public boolean nextTokenIs(byte[] expected) throws ProtocolException {
    int end = tokenEnd();
    if (end - cursor != expected.length || !regionEquals(cursor, expected)) {
      return false;
    }
    skipTo(end);
    return true;
  }

  /**
   * Consumes the next token as an unsigned decimal number of at most {@code max}; pass
   * {@code -1} for the full unsigned 64-bit range (the result then compares with
   * {@link Long#compareUnsigned}).
   */
  public long nextNumber(long max) throws ProtocolException {
    int end = tokenEnd();
    if (end - cursor > 20) {
      throw new ProtocolException("number too long in reply: " + line());
    }
    long value = 0;
    for (int i = cursor; i < end; i++) {
      int digit = line[i] - '0';
      if (digit < 0 || digit > 9) {
        throw new ProtocolException("not a number in reply: " + line());
      }
      long next = value * 10 + digit;
      if (Long.compareUnsigned(value, 0x1999999999999999L) > 0 || Long.compareUnsigned(next, value) < 0) {
        throw new ProtocolException("number out of range in reply: " + line());
      }
      value = next;
    }
    if (max >= 0 && (value < 0 || value > max)) {
      throw new ProtocolException("number out of range in reply: " + line());
    }
    skipTo(end);
    return value;
  }

  /** True while the current line has tokens left to read (meta replies end in a list of flags). */
  public boolean hasMoreTokens() {
    return cursor < length;
  }

  /** Consumes the first byte of the next token, a meta flag's letter; the cursor stays on the flag's value. */
  public int nextFlag() throws ProtocolException {
    if (cursor >= length || line[cursor] == ' ') {
      throw new ProtocolException("missing flag in reply: " + line());
    }
    return line[cursor++];
  }

  /** Consumes the rest of the current token (a flag whose value is not needed, or that has none). */
  public void skipToken() {
    while (cursor < length && line[cursor] != ' ') {
      cursor++;
    }
    skipTo(cursor);
  }

  /**
   * Consumes the next token as the size of a data block, refusing one over {@link #maxBlock()}
   * ({@code cacheman.max-value-size}) before anything of it is buffered.
   */
  public int nextBlockSize() throws ProtocolException {
    long size = nextNumber(Integer.MAX_VALUE);
    if (size > maxBlock) {
      throw new ProtocolException("a value of " + size + " bytes is over the " + maxBlock
          + "-byte limit (cacheman.max-value-size): " + line());
    }
    return (int) size;
  }

  /** Fails unless the whole current line has been consumed (and it has no trailing space). */
  public void expectLineEnd() throws ProtocolException {
    if (cursor != length || (length > 0 && line[length - 1] == ' ')) {
      throw new ProtocolException("unexpected extra text in reply: " + line());
    }
  }

  /**
   * Moves what has arrived of a data block of {@code block.length} bytes into {@code block}, from
   * {@code filled} on, and then its CRLF; returns how many bytes of it are filled, or
   * {@code block.length + 2} once it is complete. Taking the bytes out as they arrive keeps a large
   * value from sitting whole in the read buffer, whose 8 KB segments the segment pool (64 KB) could
   * not supply again: a 1 MB value would allocate 128 fresh segments. Until it is complete the block
   * is open: bytes {@link #append appended} meanwhile go straight into it.
   */
  public int fillBlock(byte[] block, int filled) throws ProtocolException {
    int done = block == openBlock ? openFilled : filled;
    while (done < block.length && in.size() > 0) {
      done += in.read(block, done, block.length - done);
    }
    if (done < block.length || in.size() < 2) {
      openBlock = block;
      openFilled = done;
      return done;
    }
    openBlock = null;
    try {
      if (in.readByte() != '\r' || in.readByte() != '\n') {
        throw new ProtocolException("data block of " + block.length + " bytes not followed by CRLF");
      }
    } catch (java.io.EOFException e) {
      throw new IllegalStateException("two bytes were there", e);
    }
    return block.length + 2;
  }

  /** Fails when bytes are buffered after the last reply due: bytes no request asked for. */
  public void expectNothingBuffered() throws ProtocolException {
    if (in.size() > 0) {
      throw new ProtocolException("unexpected bytes with no request waiting: "
          + in.snapshot().substring(0, (int) Math.min(in.size(), 60)).utf8().trim());
    }
  }

  private int tokenEnd() throws ProtocolException {
    int end = cursor;
    while (end < length && line[end] != ' ') {
      end++;
    }
    if (end == cursor) {
      throw new ProtocolException("missing field in reply: " + line());
    }
    return end;
  }

  private void skipTo(int tokenEnd) {
    cursor = tokenEnd < length ? tokenEnd + 1 : tokenEnd;
  }

  private boolean regionEquals(int offset, byte[] expected) {
    return Arrays.equals(line, offset, offset + expected.length, expected, 0, expected.length);
  }

  private static String preview(Buffer in) {
    byte[] head = in.snapshot((int) Math.min(in.size(), 80)).toByteArray();
    return printable(head, 0, head.length) + "…";
  }

  static String printable(byte[] bytes, int from, int to) {
    StringBuilder text = new StringBuilder();
    for (int i = from; i < to && text.length() < 120; i++) {
      int b = bytes[i] & 0xff;
      if (b >= 0x20 && b < 0x7f) {
        text.append((char) b);
      } else {
        text.append(String.format("\\x%02x", b));
      }
    }
    return text.toString();
  }
}
