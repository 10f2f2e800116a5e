package io.cacheman.bench.server;

import io.cacheman.bench.load.KeySpace;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Fills a server with items over one raw connection: pipelined {@code set ... noreply}, then a
 * {@code version} whose answer proves every set before it was processed. No client library is
 * involved, so the same bytes reach memcached and server-minimal.
 */
public final class BulkLoader {
  private static final int BUFFER = 256 * 1024;
  private static final int TIMEOUT_MILLIS = 60_000;

  private BulkLoader() {}

  /**
   * Stores every key of {@code keys} with {@code value} and waits until the server has taken all.
   *
   * @throws IOException when the connection fails or the server answers anything but VERSION
   */
  public static void load(InetSocketAddress server, KeySpace keys, byte[] value) throws IOException {
    byte[] suffix = (" 0 0 " + value.length + " noreply\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] set = "set ".getBytes(StandardCharsets.US_ASCII);
    byte[] crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
    try (Socket s = new Socket()) {
      s.connect(server, TIMEOUT_MILLIS);
      s.setSoTimeout(TIMEOUT_MILLIS);
      s.setTcpNoDelay(true);
      OutputStream out = new BufferedOutputStream(s.getOutputStream(), BUFFER);
      for (int i = 0; i < keys.size(); i++) {
        out.write(set);
        out.write(keys.key(i).getBytes(StandardCharsets.US_ASCII));
        out.write(suffix);
        out.write(value);
        out.write(crlf);
      }
      out.write("version\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      String line = in.readLine();
      if (line == null || !line.startsWith("VERSION")) {
        throw new IOException("the server answered a noreply set with: " + line);
      }
    }
  }
}
