package io.cacheman.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** A plain blocking socket speaking one command at a time: reads what a node really holds, bypassing the SDK. */
public final class RawClient implements AutoCloseable {
  private final Socket socket;
  private final BufferedReader in;
  private final OutputStream out;

  public RawClient(int port) {
    this("127.0.0.1", port);
  }

  public RawClient(String host, int port) {
    try {
      socket = new Socket();
      socket.connect(new InetSocketAddress(host, port), 1_000);
      socket.setSoTimeout(2_000);
      in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      out = socket.getOutputStream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text value of {@code key} on this node, or null. */
  public String get(String key) {
    try {
      out.write(("get " + key + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      String line = in.readLine();
      if (line.equals("END")) {
        return null;
      }
      String value = in.readLine();
      String end = in.readLine();
      if (!line.startsWith("VALUE " + key + " ") || !"END".equals(end)) {
        throw new IllegalStateException("unexpected reply: " + line + " / " + end);
      }
      return value;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The remaining time to live of {@code key} in seconds as the node reports it with a meta get
   * ({@code mg <key> t}): -1 for "never expires", null on a miss. memcached only.
   */
  public Long ttl(String key) {
    try {
      out.write(("mg " + key + " t\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      String line = in.readLine();
      if (line.equals("EN")) {
        return null;
      }
      if (!line.startsWith("HD t")) {
        throw new IllegalStateException("unexpected reply to mg: " + line);
      }
      return Long.parseLong(line.substring(4).trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The node's {@code stats}, name to value. */
  public Map<String, String> stats() {
    try {
      out.write("stats\r\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      Map<String, String> stats = new HashMap<>();
      String line;
      while (!(line = in.readLine()).equals("END")) {
        String[] parts = line.split(" ", 3);
        if (parts.length != 3 || !parts[0].equals("STAT")) {
          throw new IllegalStateException("unexpected stats line: " + line);
        }
        stats.put(parts[1], parts[2]);
      }
      return stats;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One counter of {@link #stats()}. */
  public long stat(String name) {
    return Long.parseLong(stats().get(name));
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
