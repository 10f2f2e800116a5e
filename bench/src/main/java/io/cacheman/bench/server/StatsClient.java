package io.cacheman.bench.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a server's {@code stats} over its own short-lived connection. */
public final class StatsClient {
  private static final int TIMEOUT_MILLIS = 5000;
  private static final int MAX_LINES = 1000;

  private StatsClient() {}

  /**
   * The {@code STAT name value} pairs the server reports, in its order.
   *
   * @throws IOException when the server cannot be reached or answers something else
   */
  public static Map<String, String> stats(InetSocketAddress server) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(server, TIMEOUT_MILLIS);
      s.setSoTimeout(TIMEOUT_MILLIS);
      OutputStream out = s.getOutputStream();
      out.write("stats\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      Map<String, String> stats = new LinkedHashMap<>();
      for (int i = 0; i < MAX_LINES; i++) {
        String line = in.readLine();
        if (line == null) {
          throw new IOException("the server closed the connection in the middle of its stats");
        }
        if (line.equals("END")) {
          return stats;
        }
        String[] parts = line.split(" ", 3);
        if (parts.length != 3 || !parts[0].equals("STAT")) {
          throw new IOException("unexpected stats line from the server: " + line);
        }
        stats.put(parts[1], parts[2]);
      }
      throw new IOException("the server's stats did not end within " + MAX_LINES + " lines");
    }
  }

  /** One numeric stat, or -1 when the server does not report it. */
  public static long number(Map<String, String> stats, String name) {
    String v = stats.get(name);
    try {
      return v == null ? -1 : Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
