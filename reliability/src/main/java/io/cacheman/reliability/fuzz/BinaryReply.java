package io.cacheman.reliability.fuzz;

/**
 * The binary protocol's error response to a binary request, checked byte by byte: a 24-byte
 * header with status 0x0081 (unknown command) and the body length at bytes 8-11, the body, and
 * nothing after it (the node closes the connection).
 */
final class BinaryReply {
  private static final int HEADER = 24;
  private final byte[] header = new byte[HEADER];
  private int seen;

  /** Takes the next byte; a sentence saying what is wrong with it, or null. */
  String accept(byte b) {
    int at = seen++;
    if (at < HEADER) {
      header[at] = b;
      return at == 7 && (header[6] != 0 || header[7] != (byte) 0x81)
          ? "a binary response whose status is not 0x0081 (unknown command)" : null;
    }
    long body = ((header[8] & 0xffL) << 24) | ((header[9] & 0xff) << 16)
        | ((header[10] & 0xff) << 8) | (header[11] & 0xff);
    return at >= HEADER + body ? "bytes after the binary error response" : null;
  }

  boolean headerComplete() {
    return seen >= HEADER;
  }
}
