package io.cacheman.internal.connection;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.SelectionKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * memcached's ASCII authentication, on a connector thread before the connection carries requests:
 * the credentials go as a {@code set} whose value is {@code user password}; the node answers
 * {@code STORED} or a {@code CLIENT_ERROR}. First a {@code version} asks whether the node wants
 * credentials at all: a node without authentication would store the password as a plain value,
 * readable by anyone, so it is not sent there.
 */
final class Login {
  /** The failure of a login the node refused: the node is unavailable for that reason. */
  static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  private static final Logger log = LoggerFactory.getLogger(Login.class);
  private static final int LONGEST_REPLY = 1024;

  private final SetupChannel setup;
  private final Transport transport;
  private final ByteBuffer reply = ByteBuffer.allocate(LONGEST_REPLY);

  private Login(SetupChannel setup, Transport transport) {
    this.setup = setup;
    this.transport = transport;
  }

  /** Logs in as {@code credentials} if the node asks for it; its refusal is a {@link Refused}. */
  static void run(SetupChannel setup, Transport transport, Security.Credentials credentials, String node)
      throws IOException {
    new Login(setup, transport).run(credentials, node);
  }

  private void run(Security.Credentials credentials, String node) throws IOException {
    send(ByteBuffer.wrap("version\r\n".getBytes(StandardCharsets.US_ASCII)));
    if (readLine().startsWith("VERSION ")) {
      log.warn("Cacheman: {} accepts commands without authentication; the credentials of {} were not sent to it",
          node, credentials.username());
      return;
    }
    char[] password = credentials.password();
    ByteBuffer token = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    Arrays.fill(password, '\0');
    byte[] user = (credentials.username() + " ").getBytes(StandardCharsets.UTF_8);
    int length = user.length + token.remaining();
    byte[] line = ("set auth 0 0 " + length + "\r\n").getBytes(StandardCharsets.US_ASCII);
    ByteBuffer request = ByteBuffer.allocate(line.length + length + 2);
    request.put(line).put(user).put(token).put((byte) '\r').put((byte) '\n').flip();
    clear(token);
    try {
      send(request);
    } finally {
      Arrays.fill(request.array(), (byte) 0);
    }
    String answer = readLine();
    if (!answer.equals("STORED")) {
      throw new Refused(node + " refused the credentials of user " + credentials.username() + " (" + answer + ")");
    }
  }

  private void send(ByteBuffer bytes) throws IOException {
    while (!transport.write(bytes)) {
      setup.await(SelectionKey.OP_WRITE);
    }
  }

  /** One reply line without its CRLF; the node sends nothing else before it. */
  private String readLine() throws IOException {
    reply.clear();
    while (true) {
      int n = transport.read(reply);
      if (n < 0) {
        throw new Refused("the node closed the connection during authentication");
      }
      int end = reply.position();
      if (end >= 2 && reply.get(end - 2) == '\r' && reply.get(end - 1) == '\n') {
        return new String(reply.array(), 0, end - 2, StandardCharsets.US_ASCII);
      }
      if (!reply.hasRemaining()) {
        throw new IOException("the node's reply to authentication is longer than " + LONGEST_REPLY + " bytes");
      }
      if (n == 0) {
        setup.await(SelectionKey.OP_READ);
      }
    }
  }

  private static void clear(ByteBuffer buffer) {
    if (buffer.hasArray()) {
      Arrays.fill(buffer.array(), (byte) 0);
    }
  }
}
