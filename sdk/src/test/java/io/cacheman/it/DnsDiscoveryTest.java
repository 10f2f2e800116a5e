package io.cacheman.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.server.CachemanServer;
import io.cacheman.server.ServerConfig;
import io.cacheman.testing.ChildOutput;
import io.cacheman.testing.DiscoveryChild;
import io.cacheman.testing.RawClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cacheman.nodes = dns:cache.test:PORT} against the JDK's own resolver: the client runs in a
 * child JVM whose hosts file the test rewrites while traffic runs (it caches no lookup:
 * {@code sun.net.inetaddr.ttl=0}). An added address becomes a node within one discovery interval
 * and takes only its own share of the keys; a removed one gives up only its own.
 */
class DnsDiscoveryTest {
  private static final Logger log = LoggerFactory.getLogger(DnsDiscoveryTest.class);
  private static final Duration INTERVAL = Duration.ofMillis(500);
  private static final int KEYS = 3000;

  @TempDir Path dir;

  @Test
  void addedAndRemovedAddressesAreFollowedWithinOneIntervalAndMoveOnlyTheirOwnKeys() throws Exception {
    Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.2 cache.test\n127.0.0.3 cache.test\n");
    List<CachemanServer> servers = new ArrayList<>();
    servers.add(CachemanServer.start(ServerConfig.builder().listenAddress("127.0.0.2").port(0).threads(1).build()));
    int port = servers.get(0).port();
    for (String address : List.of("127.0.0.3", "127.0.0.4")) {
      servers.add(CachemanServer.start(ServerConfig.builder().listenAddress(address).port(port).threads(1).build()));
    }
    String two = "127.0.0.2:" + port;
    String three = "127.0.0.3:" + port;
    String four = "127.0.0.4:" + port;
    Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "-Djdk.net.hosts.file=" + hosts, "-Dsun.net.inetaddr.ttl=0", "-Dsun.net.inetaddr.negative.ttl=0",
        DiscoveryChild.class.getName(), "cacheman.nodes = dns:cache.test:" + port, "cacheman.hashing = ketama",
        "cacheman.discovery.interval = " + INTERVAL.toMillis() + "ms", "cacheman.operation-timeout = 2s"))
        .redirectErrorStream(true).start();
    try (PrintWriter toChild = new PrintWriter(child.getOutputStream(), true, StandardCharsets.UTF_8);
        BufferedReader fromChild = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals("ready", result(fromChild));
      assertEquals(two + "," + three, ask(toChild, fromChild, "nodes"));
      Map<String, String> before = routes(toChild, fromChild);

      Files.writeString(hosts, "127.0.0.2 cache.test\n127.0.0.3 cache.test\n127.0.0.4 cache.test\n");
      long followed = awaitNodes(toChild, fromChild, two + "," + three + "," + four);
      Map<String, String> added = routes(toChild, fromChild);
      long moved = countMoved(before, added, four);
      log.info("added 127.0.0.4: followed after {} ms (interval {} ms); {} of {} keys moved, all to it (ideal 1/3)",
          followed, INTERVAL.toMillis(), moved, KEYS);
      assertTrue(followed <= 2 * INTERVAL.toMillis(), "followed after " + followed + " ms");
      assertTrue(moved > KEYS * 0.25 && moved < KEYS * 0.42, moved + " keys moved");
      String onFour = added.entrySet().stream().filter(e -> e.getValue().equals(four)).findFirst().orElseThrow()
          .getKey();
      assertEquals("ok", ask(toChild, fromChild, "set " + onFour + " found-in-dns"));
      try (RawClient raw = new RawClient("127.0.0.4", port)) {
        assertEquals("found-in-dns", raw.get(onFour), "the new address took its keys' traffic");
      }

      Files.writeString(hosts, "127.0.0.3 cache.test\n127.0.0.4 cache.test\n");
      followed = awaitNodes(toChild, fromChild, three + "," + four);
      Map<String, String> removed = routes(toChild, fromChild);
      long lost = added.values().stream().filter(two::equals).count();
      added.forEach((key, node) -> assertTrue(node.equals(two) != node.equals(removed.get(key)),
          key + " was on " + node + " and is on " + removed.get(key) + ": only the removed node's keys move"));
      log.info("removed 127.0.0.2: followed after {} ms; its {} keys moved, no other", followed, lost);
      assertTrue(followed <= 2 * INTERVAL.toMillis(), "followed after " + followed + " ms");

      String[] traffic = ask(toChild, fromChild, "traffic").split(" ");
      log.info("traffic meanwhile: {} calls, {} failed", traffic[0], traffic[1]);
      long calls = Long.parseLong(traffic[0]);
      assertTrue(calls > 0, "the traffic ran");
      // Nodes joined and left while running: nothing should fail, but a busy shared machine may
      // time a call out now and then, which is not what this test is about.
      assertTrue(Long.parseLong(traffic[1]) <= calls / 100, traffic[1] + " of " + calls + " calls failed");
      toChild.println("quit");
      assertTrue(child.waitFor(10, TimeUnit.SECONDS), "the child did not exit");
      assertEquals(0, child.exitValue());
    } finally {
      child.destroyForcibly();
      servers.forEach(CachemanServer::close);
    }
  }

  /**
   * Milliseconds from now until the child's node list is {@code nodes}; then waits until every node
   * is in routing, so that routes show where keys belong rather than where failover sends them.
   */
  private static long awaitNodes(PrintWriter toChild, BufferedReader fromChild, String nodes) {
    long start = System.nanoTime();
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
        .until(() -> ask(toChild, fromChild, "nodes").equals(nodes));
    long followed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
        .until(() -> !ask(toChild, fromChild, "states").matches(".*=(OUT|PROBING).*"));
    return followed;
  }

  /** How many keys changed node, asserting that each went to {@code to}. */
  private static long countMoved(Map<String, String> before, Map<String, String> after, String to) {
    before.forEach((key, node) -> assertTrue(node.equals(after.get(key)) || to.equals(after.get(key)),
        key + " moved from " + node + " to " + after.get(key) + ", not to the added node"));
    return before.keySet().stream().filter(k -> !before.get(k).equals(after.get(k))).count();
  }

  private static Map<String, String> routes(PrintWriter toChild, BufferedReader fromChild) throws Exception {
    Map<String, String> routes = new LinkedHashMap<>();
    for (String pair : ask(toChild, fromChild, "routes " + KEYS).split(";")) {
      String[] kv = pair.split("=");
      routes.put(kv[0], kv[1]);
    }
    return routes;
  }

  private static String ask(PrintWriter toChild, BufferedReader fromChild, String command) throws Exception {
    toChild.println(command);
    return result(fromChild);
  }

  /** The child's next RESULT line; its log lines go to this test's log. */
  private static String result(BufferedReader fromChild) throws Exception {
    return ChildOutput.result(fromChild, line -> log.info("child: {}", line));
  }
}
