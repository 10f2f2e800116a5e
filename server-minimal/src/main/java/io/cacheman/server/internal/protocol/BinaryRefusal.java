package io.cacheman.server.internal.protocol;

import java.nio.charset.StandardCharsets;

/**
 * The answer to a client speaking memcached's binary protocol, which this node does not: one
 * binary response with status 0x0081 (unknown command), given as soon as the request's 24-byte
 * header has arrived (its opcode and opaque echoed, so the client matches it to its request),
 * without waiting for a body, after which the connection closes. Binary clients (spymemcached's and
 * xmemcached's binary modes) then fail the call at once instead of waiting for their timeout.
 */
final class BinaryRefusal {
  /** The first byte of every binary request. */
  static final byte MAGIC = (byte) 0x80;
  private static final byte RESPONSE_MAGIC = (byte) 0x81;
  static final int HEADER = 24;
  private static final int UNKNOWN_COMMAND = 0x0081;
  private static final byte[] MESSAGE =
      "Unknown command: this server speaks the memcached text protocol only"
          .getBytes(StandardCharsets.US_ASCII);

  private BinaryRefusal() {}

  /** Writes the error response to the request starting at {@code buf[pos]}. */
  static void answer(Output out, byte[] buf, int pos, int limit) {
    boolean header = limit - pos >= HEADER; // always, as the handler waits for it
    byte[] r = new byte[HEADER + MESSAGE.length];
    r[0] = RESPONSE_MAGIC;
    r[1] = header ? buf[pos + 1] : 0; // opcode
    r[6] = (byte) (UNKNOWN_COMMAND >>> 8);
    r[7] = (byte) UNKNOWN_COMMAND;
    r[8] = (byte) (MESSAGE.length >>> 24);
    r[9] = (byte) (MESSAGE.length >>> 16);
    r[10] = (byte) (MESSAGE.length >>> 8);
    r[11] = (byte) MESSAGE.length;
    if (header) {
      System.arraycopy(buf, pos + 12, r, 12, 4); // opaque
    }
    System.arraycopy(MESSAGE, 0, r, HEADER, MESSAGE.length);
    out.write(r);
  }
}
