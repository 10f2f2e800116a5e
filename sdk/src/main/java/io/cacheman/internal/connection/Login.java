package io.cacheman.internal.connection;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
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

  private Login() {}

  /** Logs in as {@code credentials} if the node asks for it; its refusal is a {@link Refused}. */
  static void run(SetupLines lines, Security.Credentials credentials, String node) throws IOException {
    try {
      login(lines, credentials, node);
    } catch (EOFException e) {
      throw new Refused(node + " closed the connection during authentication");
    }
  }

  private static void login(SetupLines lines, Security.Credentials credentials, String node) throws IOException {
    lines.send("version");
    if (lines.readLine().startsWith("VERSION ")) {
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
      lines.send(request);
    } finally {
      Arrays.fill(request.array(), (byte) 0);
    }
    String answer = lines.readLine();
    if (!answer.equals("STORED")) {
      throw new Refused(node + " refused the credentials of user " + credentials.username() + " (" + answer + ")");
    }
  }

  private static void clear(ByteBuffer buffer) {
    if (buffer.hasArray()) {
      Arrays.fill(buffer.array(), (byte) 0);
    }
  }
}
