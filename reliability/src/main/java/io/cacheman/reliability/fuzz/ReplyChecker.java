package io.cacheman.reliability.fuzz;

import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * A byte sink that checks, as the bytes stream through, that they are well-formed memcached text
 * replies: every line ends with {@code \r\n} and is one of the known reply forms, a {@code VALUE}
 * line announces a valid key, flags, a length within the item size cap and an optional cas, its
 * data block has exactly that length and ends with {@code \r\n}, and {@code VALUE} or {@code STAT}
 * lines only continue until their {@code END}. Throws {@link InvariantViolation} on the first byte
 * that breaks the grammar.
 *
 * <p>Allocates nothing per reply, so it can sit inside the fuzz target's allocation window.
 * Values stream through without being kept: a multi-megabyte reply costs no memory here.
 */
final class ReplyChecker implements WritableByteChannel {
  /** The reply forms, for counting what a run produced. */
  enum Kind {
    ERROR, STORED, NOT_STORED, EXISTS, NOT_FOUND, DELETED, TOUCHED, OK, END, RESET, VERSION,
    CLIENT_ERROR, SERVER_ERROR, NUMBER, VALUE, STAT
  }

  /** Longer than any reply line: VALUE, a 250-byte key and three numbers fit in 320 bytes. */
  static final int MAX_LINE = 512;
  private static final int MAX_KEY = 250;
  private static final byte[][] EXACT = lines("ERROR", "STORED", "NOT_STORED", "EXISTS",
      "NOT_FOUND", "DELETED", "TOUCHED", "OK", "END", "RESET", "ERROR: shutdown not enabled");
  private static final Kind[] EXACT_KIND = {Kind.ERROR, Kind.STORED, Kind.NOT_STORED, Kind.EXISTS,
      Kind.NOT_FOUND, Kind.DELETED, Kind.TOUCHED, Kind.OK, Kind.END, Kind.RESET, Kind.ERROR};
  /**
   * memcached 1.6's client and server error reasons that a text-protocol node can send; the last
   * is its answer when incr/decr cannot get the memory for a longer value.
   */
  private static final byte[][] CLIENT_ERRORS = lines("CLIENT_ERROR bad command line format",
      "CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]",
      "CLIENT_ERROR bad data chunk", "CLIENT_ERROR invalid exptime argument",
      "CLIENT_ERROR invalid numeric delta argument",
      "CLIENT_ERROR cannot increment or decrement non-numeric value", "CLIENT_ERROR line too long");
  private static final byte[][] SERVER_ERRORS = lines("SERVER_ERROR object too large for cache",
      "SERVER_ERROR out of memory storing object", "SERVER_ERROR out of memory");
  private static final byte[] VALUE = ascii("VALUE ");
  private static final byte[] STAT = ascii("STAT ");
  private static final byte[] VERSION = ascii("VERSION ");
  private static final byte[] MAX_U64 = ascii("18446744073709551615");
  private static final int TOP = 0;
  private static final int IN_VALUES = 1;
  private static final int IN_STATS = 2;

  private final int maxValueBytes;
  private final byte[] line = new byte[MAX_LINE];
  private final long[] counts = new long[Kind.values().length];
  private final long[] number = new long[1];
  private final CRC32C crc = new CRC32C();
  private int lineLength;
  /** Bytes of the current data block still to come, its {@code \r\n} included; 0 outside one. */
  private long dataLeft;
  private int context = TOP;
  private long bytes;
  /** The binary response being read, or null. */
  private BinaryReply binary;

  /** Checks replies whose values may be up to {@code maxValueBytes} long. */
  ReplyChecker(int maxValueBytes) {
    this.maxValueBytes = maxValueBytes;
  }

  @Override
  public int write(ByteBuffer src) {
    int n = src.remaining();
    int at = src.position();
    crc.update(src);
    src.position(at);
    while (src.hasRemaining()) {
      if (bytes == 0 && binary == null && src.get(src.position()) == (byte) 0x81) {
        binary = new BinaryReply(); // only as the answer to a binary request, then nothing
      }
      if (binary != null) {
        String problem = binary.accept(src.get());
        bytes++;
        if (problem != null) {
          throw violation(problem);
        }
      } else if (dataLeft > 2) {
        int skip = (int) Math.min(dataLeft - 2, src.remaining());
        src.position(src.position() + skip);
        bytes += skip;
        dataLeft -= skip;
      } else if (dataLeft > 0) {
        blockEnd(src.get());
      } else {
        lineByte(src.get());
      }
    }
    return n;
  }

  /** Fails unless the bytes so far end exactly at the end of a complete reply. */
  void checkBoundary() {
    if (binary != null) {
      if (!binary.headerComplete()) {
        throw violation("the replies stop inside a binary response header");
      }
      return;
    }
    if (dataLeft > 0 || lineLength > 0 || context != TOP) {
      throw violation(dataLeft > 0 ? "the replies stop inside a value's data block"
          : lineLength > 0 ? "the replies stop inside a line" : context == IN_VALUES
              ? "a get reply has no END" : "a stats reply has no END");
    }
  }

  /** Reply bytes seen. */
  long bytes() {
    return bytes;
  }

  /** CRC-32C of every reply byte seen, for comparing two runs. */
  long crc() {
    return crc.getValue();
  }

  /** How many replies of each {@link Kind} were seen (a VALUE counts once per value). */
  long[] counts() {
    return counts.clone();
  }

  @Override
  public boolean isOpen() {
    return true;
  }

  @Override
  public void close() {
    // Nothing held.
  }

  private void blockEnd(byte b) {
    byte expected = dataLeft == 2 ? (byte) '\r' : (byte) '\n';
    if (b != expected) {
      throw violation("a value's data block does not end with \\r\\n (got byte " + (b & 0xff) + ")");
    }
    bytes++;
    dataLeft--;
  }

  private void lineByte(byte b) {
    bytes++;
    if (b != '\n') {
      if (lineLength == MAX_LINE) {
        throw violation("a reply line longer than " + MAX_LINE + " bytes: " + shown(lineLength));
      }
      line[lineLength++] = b;
      return;
    }
    if (lineLength == 0 || line[lineLength - 1] != '\r') {
      throw violation("a reply line ends with a bare \\n: " + shown(lineLength));
    }
    int length = lineLength - 1;
    for (int i = 0; i < length; i++) {
      if (line[i] == '\r') {
        throw violation("a reply line holds a bare \\r: " + shown(length));
      }
    }
    classify(length);
    lineLength = 0;
  }

  private void classify(int length) {
    if (startsWith(length, VALUE) && context != IN_STATS) {
      valueLine(length);
      context = IN_VALUES;
      count(Kind.VALUE);
    } else if (startsWith(length, STAT) && context != IN_VALUES) {
      statLine(length);
      context = IN_STATS;
      count(Kind.STAT);
    } else if (context != TOP) {
      if (length != 3 || line[0] != 'E' || line[1] != 'N' || line[2] != 'D') {
        throw violation((context == IN_VALUES ? "after VALUE" : "after STAT")
            + " only more of them or END may follow, got " + shown(length));
      }
      context = TOP;
      count(Kind.END);
    } else {
      count(topLevel(length));
    }
  }

  private Kind topLevel(int length) {
    for (int i = 0; i < EXACT.length; i++) {
      if (equals(length, EXACT[i])) {
        return EXACT_KIND[i];
      }
    }
    if (anyEquals(length, CLIENT_ERRORS)) {
      return Kind.CLIENT_ERROR;
    }
    if (anyEquals(length, SERVER_ERRORS)) {
      return Kind.SERVER_ERROR;
    }
    if (startsWith(length, VERSION) && length > VERSION.length && printable(VERSION.length, length)) {
      return Kind.VERSION;
    }
    if (parseUnsigned(0, length, MAX_U64.length)) {
      return Kind.NUMBER; // incr/decr: a canonical unsigned 64-bit decimal
    }
    throw violation("not a memcached reply line: " + shown(length));
  }

  /** {@code VALUE <key> <flags> <bytes> [<cas>]}, then expects the data block. */
  private void valueLine(int length) {
    int keyStart = VALUE.length;
    int keyEnd = field(keyStart, length);
    if (keyEnd - keyStart < 1 || keyEnd - keyStart > MAX_KEY || !keyBytes(keyStart, keyEnd)) {
      throw violation("a VALUE line with an invalid key: " + shown(length));
    }
    int flagsEnd = field(keyEnd + 1, length);
    if (!parseUnsigned(keyEnd + 1, flagsEnd, 10) || number[0] > 0xffff_ffffL) {
      throw violation("a VALUE line with invalid flags: " + shown(length));
    }
    int bytesEnd = field(flagsEnd + 1, length);
    if (!parseUnsigned(flagsEnd + 1, bytesEnd, 10) || number[0] > maxValueBytes) {
      throw violation("a VALUE line whose length is not a number up to " + maxValueBytes + ": "
          + shown(length));
    }
    long valueBytes = number[0];
    if (bytesEnd != length) {
      int casEnd = field(bytesEnd + 1, length);
      if (casEnd != length || !parseUnsigned(bytesEnd + 1, casEnd, 20) || number[0] == 0) {
        throw violation("a VALUE line with an invalid cas or extra fields: " + shown(length));
      }
    }
    dataLeft = valueBytes + 2;
  }

  /** {@code STAT <name> <value>}: a lower-case name and a printable value. */
  private void statLine(int length) {
    int nameEnd = field(STAT.length, length);
    if (nameEnd == STAT.length || nameEnd >= length - 1) {
      throw violation("a STAT line without a name and a value: " + shown(length));
    }
    for (int i = STAT.length; i < nameEnd; i++) {
      byte b = line[i];
      if (!(b >= 'a' && b <= 'z') && !(b >= '0' && b <= '9') && b != '_') {
        throw violation("a STAT line with an invalid name: " + shown(length));
      }
    }
    if (!printable(nameEnd + 1, length)) {
      throw violation("a STAT line with an unprintable value: " + shown(length));
    }
  }

  /** End of the space-free field starting at {@code from}. */
  private int field(int from, int length) {
    int i = from;
    while (i < length && line[i] != ' ') {
      i++;
    }
    return i;
  }

  /**
   * Parses a canonical decimal (no sign, no leading zero) of at most {@code maxDigits} digits
   * that fits an unsigned 64-bit value into {@code number[0]}.
   */
  private boolean parseUnsigned(int from, int to, int maxDigits) {
    int n = to - from;
    if (n < 1 || n > maxDigits || (n > 1 && line[from] == '0')) {
      return false;
    }
    if (n == MAX_U64.length && Arrays.compare(line, from, to, MAX_U64, 0, n) > 0) {
      return false; // same length: byte order is numeric order
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      int d = line[i] - '0';
      if (d < 0 || d > 9) {
        return false;
      }
      value = value * 10 + d; // wraps silently only past 2^64 - 1, excluded above
    }
    number[0] = value;
    return true;
  }

  /** Printable ASCII, spaces included: what stats values and the version are made of. */
  private boolean printable(int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = line[i];
      if (b < 0x20 || b == 0x7f) { // bytes from 0x80 are negative: refused too
        return false;
      }
    }
    return true;
  }

  /** A key as the node accepts it: no control byte, space or DEL; bytes from 0x80 are allowed. */
  private boolean keyBytes(int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = line[i];
      if ((b >= 0 && b <= ' ') || b == 0x7f) {
        return false;
      }
    }
    return true;
  }

  private boolean startsWith(int length, byte[] prefix) {
    return length >= prefix.length && Arrays.equals(line, 0, prefix.length, prefix, 0, prefix.length);
  }

  private boolean equals(int length, byte[] form) {
    return Arrays.equals(line, 0, length, form, 0, form.length);
  }

  private boolean anyEquals(int length, byte[][] forms) {
    for (byte[] form : forms) {
      if (equals(length, form)) {
        return true;
      }
    }
    return false;
  }

  private void count(Kind kind) {
    counts[kind.ordinal()]++;
  }

  private InvariantViolation violation(String what) {
    return new InvariantViolation(what + " (at reply byte " + bytes + ")");
  }

  /** The first bytes of the current line, with control bytes escaped, for a message. */
  private String shown(int length) {
    StringBuilder s = new StringBuilder("'");
    for (int i = 0; i < Math.min(length, 80); i++) {
      int b = line[i] & 0xff;
      s.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b));
    }
    return s.append(length > 80 ? "...'" : "'").toString();
  }

  private static byte[][] lines(String... forms) {
    return Arrays.stream(forms).map(ReplyChecker::ascii).toArray(byte[][]::new);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
