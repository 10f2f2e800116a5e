package io.cacheman.reliability.node;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Asks a node for its version or its stats on a fresh connection (the readiness check of RELIABILITY.md §A). */
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

  /**
   * The node's {@code stats} as name to value.
   *
   * @throws IOException when the node does not answer within {@code timeout} or answers oddly
   */
  public static Map<String, String> stats(int port, Duration timeout) throws IOException {
    int millis = (int) Math.max(1, timeout.toMillis());
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), millis);
      s.setSoTimeout(millis);
      s.getOutputStream().write("stats\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      Map<String, String> stats = new LinkedHashMap<>();
      StringBuilder line = new StringBuilder();
      for (int b; (b = in.read()) >= 0; ) {
        if (b != '\n') {
          line.append((char) b);
          continue;
        }
        String l = line.toString().strip();
        line.setLength(0);
        if (l.equals("END")) {
          return stats;
        }
        String[] parts = l.split(" ", 3);
        if (parts.length != 3 || !parts[0].equals("STAT")) {
          throw new IOException("unexpected stats line from port " + port + ": " + l);
        }
        stats.put(parts[1], parts[2]);
      }
      throw new IOException("port " + port + " closed the connection in the middle of stats");
    }
  }

  /**
   * The value of {@code key} as the node holds it, read on a fresh connection, or {@code null} on a
   * miss: a look past the client, to tell a lost value from a misrouted read.
   */
  public static byte[] get(int port, String key, Duration timeout) throws IOException {
    int millis = (int) Math.max(1, timeout.toMillis());
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), millis);
      s.setSoTimeout(millis);
      s.getOutputStream().write(("get " + key + "\r\n").getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      String header = line(in);
      if (header.equals("END")) {
        return null;
      }
      String[] parts = header.split(" ");
      if (parts.length < 4 || !parts[0].equals("VALUE")) {
        throw new IOException("unexpected reply from port " + port + ": " + header);
      }
      byte[] value = in.readNBytes(Integer.parseInt(parts[3]));
      in.readNBytes(2);
      line(in); // END
      return value;
    }
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
      if (c != '\r') {
        b.append((char) c);
      }
    }
    return b.toString();
  }
}
