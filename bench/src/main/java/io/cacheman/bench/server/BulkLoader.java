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
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Fills a server with items over one raw connection: pipelined {@code set ... noreply}, then a
 * {@code version} whose answer proves every set before it was processed. No client library is
 * involved, so the same bytes reach memcached and server-minimal.
 */
public final class BulkLoader {
  private static final int BUFFER = 256 * 1024;

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
    try (Socket s = RawConnection.open(server)) {
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

  /**
   * Keeps a loaded server busy for {@code duration}: batches of 500 {@code set ... noreply} of
   * random existing keys (same value size, so the item count stays put) and 500 gets, each batch
   * closed by {@code version}. Returns the number of commands sent.
   *
   * @throws IOException when the connection fails or a get misses (the store must hold every key)
   */
  public static long churn(InetSocketAddress server, KeySpace keys, byte[] value, Duration duration,
      long seed) throws IOException {
    byte[] suffix = (" 0 0 " + value.length + " noreply\r\n").getBytes(StandardCharsets.US_ASCII);
    SplittableRandom random = new SplittableRandom(seed);
    long deadline = System.nanoTime() + duration.toNanos();
    long commands = 0;
    try (Socket s = RawConnection.open(server)) {
      OutputStream out = new BufferedOutputStream(s.getOutputStream(), BUFFER);
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      while (System.nanoTime() - deadline < 0) {
        for (int i = 0; i < 500; i++) {
          out.write(("set " + keys.key(random.nextInt(keys.size()))).getBytes(StandardCharsets.US_ASCII));
          out.write(suffix);
          out.write(value);
          out.write('\r');
          out.write('\n');
          out.write(("get " + keys.key(random.nextInt(keys.size())) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.write("version\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        int hits = 0;
        for (String line = in.readLine(); line == null || !line.startsWith("VERSION"); line = in.readLine()) {
          if (line == null) {
            throw new IOException("the server closed the connection during the churn");
          }
          hits += line.startsWith("VALUE ") ? 1 : 0;
        }
        if (hits != 500) {
          throw new IOException("only " + hits + " of 500 gets hit: the server lost items during the churn");
        }
        commands += 1001;
      }
    }
    return commands;
  }
}
