package io.cacheman.testing;

import io.cacheman.Cache;
import io.cacheman.CachemanException;
import io.cacheman.config.NodeAddress;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A client in a JVM of its own, driven line by line over stdin, so a test can give it JVM-wide
 * settings (a hosts file, DNS cache times) without touching its own JVM. Commands:
 * {@code call <key> <value>} (set, then get; prints {@code RESULT ok <value read>} or
 * {@code RESULT fail <message>}) and {@code quit}.
 */
public final class ChildClient {
  private ChildClient() {}

  /** {@code args[0]}: the one node, {@code host:port}. */
  public static void main(String[] args) throws Exception {
    String[] hostPort = args[0].split(":");
    NodeAddress node = NodeAddress.of(hostPort[0], Integer.parseInt(hostPort[1]));
    try (Cache<String> cache = Clients.strings(c -> c.operationTimeout(Duration.ofMillis(500))
            .reconnectBackoff(Duration.ofMillis(10), Duration.ofMillis(100)).retryInterval(Duration.ofMillis(100)), node);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      System.out.println("RESULT ready");
      String line;
      while ((line = in.readLine()) != null && !line.equals("quit")) {
        String[] parts = line.split(" ");
        try {
          cache.set(parts[1], parts[2]);
          System.out.println("RESULT ok " + cache.get(parts[1]));
        } catch (CachemanException e) {
          System.out.println("RESULT fail " + e.getMessage());
        }
      }
    }
  }
}
