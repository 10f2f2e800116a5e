package io.cacheman.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.Cache;
import io.cacheman.CachemanException;
import io.cacheman.NodeState;
import io.cacheman.config.NodeAddress;
import io.cacheman.testing.Clients;
import io.cacheman.testing.Memcached;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** Opening never blocks on the network; closing stops every thread and unregisters JMX. */
class LifecycleTest {

  private static List<String> threadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).filter(n -> n.startsWith(prefix)).toList();
  }

  private static String prefix(Cache<?> cache) {
    return cache.admin().name() + "-";
  }

  @Test
  void closeStopsEveryThreadTheClientStartedAndIsIdempotent() throws Exception {
    try (Memcached node = Memcached.launch()) {
      Cache<String> cache = Clients.strings(node.address());
      cache.set("k", "v");
      assertEquals("v", cache.async().get("k").toCompletableFuture().get(1, TimeUnit.SECONDS));
      String prefix = prefix(cache);
      assertFalse(threadsNamed(prefix).isEmpty());
      cache.close();
      cache.close();
      assertEquals(List.of(), threadsNamed(prefix));
      assertThrows(CachemanException.class, () -> cache.get("k"));
      ExecutionException e = assertThrows(ExecutionException.class, () -> cache.async().get("k").toCompletableFuture().get(1, TimeUnit.SECONDS));
      assertInstanceOf(CachemanException.class, e.getCause());
    }
  }

  @Test
  void openReturnsAtOnceWhenNodesAreDownAndCallsFailWithinTheTimeout() {
    NodeAddress nowhere = NodeAddress.of("127.0.0.1", Memcached.freePort());
    long start = System.nanoTime();
    try (Cache<String> cache = Clients.strings(c -> c.operationTimeout(Duration.ofMillis(300)), nowhere)) {
      assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 1_000, "open blocked");
      for (int i = 0; i < 5; i++) {
        long call = System.nanoTime();
        assertThrows(CachemanException.class, () -> cache.get("k"));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - call) < 300 + 250, "call outlived its timeout");
      }
      await().atMost(Duration.ofSeconds(2)).until(() -> cache.admin().stats().nodes().get(0).state() != NodeState.UP);
    }
  }

  @Test
  void anInterruptedCallerStopsWaitingAtOnce() throws Exception {
    try (io.cacheman.testing.MisbehavingServer silent = new io.cacheman.testing.MisbehavingServer(
            (line, n) -> io.cacheman.testing.MisbehavingServer.Reply.SILENCE);
        Cache<String> cache = Clients.strings(c -> c.operationTimeout(Duration.ofSeconds(5)), silent.address())) {
      Thread.currentThread().interrupt();
      long start = System.nanoTime();
      CachemanException e = assertThrows(CachemanException.class, () -> cache.get("k"));
      assertTrue(Thread.interrupted(), "the interrupt stays set");
      assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
      assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 1_000);
    }
  }

  @Test
  void jmxBeansLiveExactlyAsLongAsTheClient() throws Exception {
    try (Memcached node = Memcached.launch()) {
      Cache<String> cache = Clients.strings(node.address());
      cache.set("jmx", "v");
      String client = prefix(cache).substring(0, prefix(cache).length() - 1);
      ObjectName name = new ObjectName("io.cacheman:type=Node,client=" + client + ",node="
          + ObjectName.quote(node.address().id()));
      var server = ManagementFactory.getPlatformMBeanServer();
      assertTrue(server.isRegistered(name));
      assertEquals("UP", server.getAttribute(name, "State"));
      assertTrue((Long) server.getAttribute(name, "Operations") >= 1);
      cache.close();
      assertFalse(server.isRegistered(name));
    }
  }

  @Test
  void manyOpenCloseCyclesLeaveNoThreadsBehind() throws Exception {
    try (Memcached node = Memcached.launch()) {
      for (int i = 0; i < 30; i++) {
        Cache<String> cache = Clients.strings(node.address());
        cache.set("cycle", "v" + i);
        String prefix = prefix(cache);
        cache.close();
        assertEquals(List.of(), threadsNamed(prefix));
      }
    }
  }
}
