package io.cacheman.internal.connection;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.charset.StandardCharsets;

/**
 * Request and reply lines on a connection being set up (a login, a protocol probe): sends bytes
 * and reads one reply line, each within the setup's deadline. Nothing else is on the connection
 * yet, so every reply line answers the last request.
 */
final class SetupLines {
  private static final int LONGEST_REPLY = 1024;

  private final SetupChannel setup;
  private final Transport transport;
  private final ByteBuffer reply = ByteBuffer.allocate(LONGEST_REPLY);

  SetupLines(SetupChannel setup, Transport transport) {
    this.setup = setup;
    this.transport = transport;
  }

  void send(ByteBuffer bytes) throws IOException {
    while (!transport.write(bytes)) {
      setup.await(SelectionKey.OP_WRITE);
    }
  }

  void send(String line) throws IOException {
    send(ByteBuffer.wrap((line + "\r\n").getBytes(StandardCharsets.US_ASCII)));
  }

  /** One reply line without its CRLF; an {@link EOFException} if the node closes the connection first. */
  String readLine() throws IOException {
    reply.clear();
    while (true) {
      int n = transport.read(reply);
      if (n < 0) {
        throw new EOFException("the node closed the connection");
      }
      int end = reply.position();
      if (end >= 2 && reply.get(end - 2) == '\r' && reply.get(end - 1) == '\n') {
        return new String(reply.array(), 0, end - 2, StandardCharsets.US_ASCII);
      }
      if (!reply.hasRemaining()) {
        throw new IOException("a reply line longer than " + LONGEST_REPLY + " bytes while setting up the connection");
      }
      if (n == 0) {
        setup.await(SelectionKey.OP_READ);
      }
    }
  }
}
