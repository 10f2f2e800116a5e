package io.cacheman.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@code cacheman-server --health}: connects to a node, sends {@code version} and waits for its
 * {@code VERSION} line, all within one deadline. The answer is one line for a script or a
 * service manager to print.
 */
final class HealthCheck {
  private static final int MAX_LINE = 256;

  /** Outcome of one probe: healthy or not, and the line to print. */
  record Result(boolean healthy, String line) {}

  private HealthCheck() {}

  /**
   * Probes the node at {@code host:port}. A wildcard listen address ({@code 0.0.0.0}, {@code
   * ::}) is probed through loopback, where such a node also answers.
   */
  static Result probe(String host, int port, Duration timeout) {
    String target = host.equals("0.0.0.0") ? "127.0.0.1" : host.equals("::") ? "::1" : host;
    String where = target.contains(":") ? "[" + HostPort.shortIpv6(target) + "]:" + port
        : target + ":" + port;
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(target, port), remainingMillis(deadline));
      socket.setTcpNoDelay(true);
      socket.getOutputStream().write("version\r\n".getBytes(StandardCharsets.US_ASCII));
      String answer = readLine(socket, deadline);
      long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
      if (!answer.startsWith("VERSION ")) {
        return new Result(false, "unhealthy " + where + ": unexpected answer '" + answer + "'");
      }
      return new Result(true, "ok " + where + " " + answer + " (" + millis + " ms)");
    } catch (SocketTimeoutException e) {
      return new Result(false, "unhealthy " + where + ": no answer within "
          + timeout.toMillis() + " ms");
    } catch (ConnectException e) {
      return new Result(false, "unhealthy " + where + ": connection refused");
    } catch (UnknownHostException e) {
      return new Result(false, "unhealthy " + where + ": unknown host");
    } catch (IOException | IllegalArgumentException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new Result(false, "unhealthy " + where + ": " + reason.toLowerCase());
    }
  }

  /** Reads one {@code \r\n}-terminated line before the deadline, without the line end. */
  private static String readLine(Socket socket, long deadline) throws IOException {
    InputStream in = socket.getInputStream();
    StringBuilder sb = new StringBuilder();
    while (sb.length() < MAX_LINE) {
      socket.setSoTimeout(remainingMillis(deadline));
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed before an answer");
      }
      if (b == '\n') {
        return sb.toString().stripTrailing();
      }
      sb.append((char) b);
    }
    return sb.toString();
  }

  /** Milliseconds left, at least 1 (0 would mean "no timeout" to a socket). */
  private static int remainingMillis(long deadline) throws SocketTimeoutException {
    long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
    if (left <= 0) {
      throw new SocketTimeoutException("deadline passed");
    }
    return (int) Math.min(Integer.MAX_VALUE, left);
  }
}
