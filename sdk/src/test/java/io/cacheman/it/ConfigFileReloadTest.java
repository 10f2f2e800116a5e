package io.cacheman.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.cacheman.Cache;
import io.cacheman.Cacheman;
import io.cacheman.NodeState;
import io.cacheman.NodeStats;
import io.cacheman.config.Hashing;
import io.cacheman.config.NodeAddress;
import io.cacheman.testing.LogCapture;
import io.cacheman.testing.MinimalServer;
import io.cacheman.testing.RawClient;
import io.cacheman.testing.Strings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client opened from a file follows edits of it: new routes, broken edits ignored (and logged), moved nodes. */
class ConfigFileReloadTest {
  @TempDir Path dir;
  private final List<MinimalServer> servers = new ArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(MinimalServer::close);
  }

  private MinimalServer server() {
    MinimalServer server = MinimalServer.launch();
    servers.add(server);
    return server;
  }

  /** Settings text with quick failover and reloads, like the tests' in-code configs. */
  private static String settings(String extra, NodeAddress... nodes) {
    StringBuilder text = new StringBuilder("# written by ConfigFileReloadTest\ncacheman.nodes = ");
    for (int i = 0; i < nodes.length; i++) {
      text.append(i == 0 ? "" : ", ").append(nodes[i].id());
    }
    return text.append("\ncacheman.hashing = ketama\ncacheman.operation-timeout = 2s\n")
        .append("cacheman.failover.retry-interval = 300ms\ncacheman.reconnect.min-backoff = 20ms\n")
        .append("cacheman.reconnect.max-backoff = 200ms\ncacheman.reload-interval = 50ms\n").append(extra).toString();
  }

  private Cache<String> open(Path file) {
    return Cacheman.builder().configFile(file).transcoder(Strings.UTF8).build();
  }

  /** A key that {@code node} owns once the node list is {@code nodes} (worked out on a client that does no I/O). */
  private static String keyOwnedBy(NodeAddress node, NodeAddress... nodes) {
    try (Cache<Object> probe = Cacheman.open(io.cacheman.testing.Clients.config(nodes).hashing(Hashing.KETAMA).build())) {
      return IntStream.range(0, 10_000).mapToObj(i -> "f" + i).filter(k -> node.id().equals(probe.admin().nodeFor(k)))
          .findFirst().orElseThrow();
    }
  }

  @Test
  void anEditedNodeListIsAppliedWithinTheReloadInterval() throws Exception {
    MinimalServer a = server();
    MinimalServer b = server();
    Path file = Files.writeString(dir.resolve("cacheman.properties"), settings("", a.address()));
    String key = keyOwnedBy(b.address(), a.address(), b.address());
    try (Cache<String> cache = open(file); RawClient rawB = new RawClient(b.port())) {
      assertEquals(a.address().id(), cache.admin().nodeFor(key));
      Files.writeString(file, settings("", a.address(), b.address()));
      await().atMost(Duration.ofSeconds(5)).until(() -> b.address().id().equals(cache.admin().nodeFor(key)));
      cache.set(key, "routed to B");
      assertEquals("routed to B", rawB.get(key));
      // The settings in force follow the routing a moment later (never earlier).
      await().atMost(Duration.ofSeconds(5)).until(() -> cache.admin().config().nodes().size() == 2);
      assertEquals(List.of(a.address(), b.address()), cache.admin().config().nodes());
    }
  }

  @Test
  void aBrokenEditIsLoggedWithFileLineKeyAndValueAndTheSettingsInForceStayUntilAGoodEdit() throws Exception {
    MinimalServer a = server();
    MinimalServer b = server();
    Path file = Files.writeString(dir.resolve("cacheman.properties"), settings("", a.address()));
    try (LogCapture logs = new LogCapture(); Cache<String> cache = open(file)) {
      Files.writeString(file, settings("cacheman.failover.mode = sometimes\n", a.address(), b.address()));
      await().atMost(Duration.ofSeconds(5)).until(() -> logs.has(Level.WARN, "ignored a broken edit",
          file.toString() + " line 9: cacheman.failover.mode = \"sometimes\" is not valid"));
      assertEquals(List.of(a.address()), cache.admin().config().nodes(), "the broken edit's node list was applied");
      cache.set("k", "v");
      assertEquals("v", cache.get("k"));

      Files.writeString(file, settings("cacheman.failover.mode = fail-fast\n", a.address(), b.address()));
      await().atMost(Duration.ofSeconds(5)).until(() -> cache.admin().config().nodes().size() == 2);
      assertEquals(io.cacheman.config.FailoverMode.FAIL_FAST, cache.admin().config().failoverMode());
      assertEquals(1, logs.messages(Level.WARN).stream().filter(m -> m.contains("broken edit")).count(),
          "one warning per broken edit, not one per check");
    }
  }

  @Test
  void aNodeKilledAndRestartedOnANewPortIsFoundThroughAFileEdit() throws Exception {
    MinimalServer a = server();
    MinimalServer b = server();
    Path file = Files.writeString(dir.resolve("cacheman.properties"), settings("", a.address(), b.address()));
    try (Cache<String> cache = open(file)) {
      String onB = IntStream.range(0, 10_000).mapToObj(i -> "m" + i)
          .filter(k -> b.address().id().equals(cache.admin().nodeFor(k))).findFirst().orElseThrow();
      cache.set(onB, "before");
      b.kill();
      MinimalServer moved = server(); // the replacement comes up on another port
      Files.writeString(file, settings("", a.address(), moved.address()));
      await().atMost(Duration.ofSeconds(5)).until(() -> cache.admin().config().nodes().contains(moved.address()));
      String onMoved = IntStream.range(0, 10_000).mapToObj(i -> "m" + i)
          .filter(k -> moved.address().id().equals(cache.admin().nodeFor(k))).findFirst().orElseThrow();
      cache.set(onMoved, "after");
      assertEquals("after", cache.get(onMoved));
      try (RawClient raw = new RawClient(moved.port())) {
        assertEquals("after", raw.get(onMoved));
      }
      NodeStats stats = cache.admin().stats().node(moved.address().id());
      assertEquals(NodeState.UP, stats.state());
      assertNull(cache.admin().stats().node(b.address().id()), "the dead node is gone from the stats");
    }
  }

  @Test
  void aSymlinkSwappedUnderTheFileAsKubernetesDoesIsSeen() throws Exception {
    MinimalServer a = server();
    MinimalServer b = server();
    // A ConfigMap volume: cacheman.properties -> ..data/cacheman.properties, ..data -> v1, swapped atomically to v2.
    Files.writeString(Files.createDirectory(dir.resolve("v1")).resolve("cacheman.properties"), settings("", a.address()));
    Files.writeString(Files.createDirectory(dir.resolve("v2")).resolve("cacheman.properties"),
        settings("", a.address(), b.address()));
    Files.createSymbolicLink(dir.resolve("..data"), Path.of("v1"));
    Path file = Files.createSymbolicLink(dir.resolve("cacheman.properties"), Path.of("..data/cacheman.properties"));
    try (Cache<String> cache = open(file)) {
      assertEquals(1, cache.admin().config().nodes().size());
      swapLink(dir.resolve("..data"), Path.of("v2"));
      await().atMost(Duration.ofSeconds(5)).until(() -> cache.admin().config().nodes().size() == 2);
    }
  }

  @Test
  void openWithoutAPathWatchesTheFileItFound() throws Exception {
    MinimalServer a = server();
    MinimalServer b = server();
    Path file = Files.writeString(dir.resolve("found.properties"), settings("", a.address()));
    System.setProperty("cacheman.config", file.toString());
    try (Cache<Object> cache = Cacheman.open()) {
      Files.writeString(file, settings("", b.address()));
      await().atMost(Duration.ofSeconds(5)).until(() -> cache.admin().config().nodes().equals(List.of(b.address())));
    } finally {
      System.clearProperty("cacheman.config");
    }
  }

  @Test
  void aZeroReloadIntervalTurnsWatchingOff() throws Exception {
    MinimalServer a = server();
    Path file = Files.writeString(dir.resolve("cacheman.properties"),
        settings("", a.address()).replace("cacheman.reload-interval = 50ms", "cacheman.reload-interval = 0s"));
    try (Cache<String> cache = open(file)) {
      assertNull(io.cacheman.internal.ClientProbe.watcherOf(cache), "a watcher runs although reloads are off");
    }
  }

  private static void swapLink(Path link, Path target) throws IOException {
    Path fresh = link.resolveSibling("..data_tmp");
    Files.createSymbolicLink(fresh, target);
    Files.move(fresh, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
