package io.cacheman.reliability.node;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Asks a node for its version on a fresh connection: the readiness check RELIABILITY.md §A uses. */
public final class Probe {
  private Probe() {}

  /** True when 127.0.0.1:{@code port} answers {@code version} with a {@code VERSION} line within {@code timeout}. */
  public static boolean answersVersion(int port, Duration timeout) {
    int millis = (int) Math.max(1, timeout.toMillis());
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), millis);
      s.setSoTimeout(millis);
      s.getOutputStream().write("version\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      byte[] head = in.readNBytes(8);
      return new String(head, StandardCharsets.US_ASCII).equals("VERSION ");
    } catch (IOException e) {
      return false; // refused, reset or silent: not ready
    }
  }
}
