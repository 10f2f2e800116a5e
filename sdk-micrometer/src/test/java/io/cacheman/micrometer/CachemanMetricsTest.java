package io.cacheman.micrometer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.AsyncCache;
import io.cacheman.Cache;
import io.cacheman.CacheServerException;
import io.cacheman.CachemanException;
import io.cacheman.config.Hashing;
import io.cacheman.testing.Clients;
import io.cacheman.testing.MinimalServer;
import io.cacheman.testing.MisbehavingServer;
import io.cacheman.testing.MisbehavingServer.Reply;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The per-node meters count real traffic, follow the node list and go away with the client. */
class CachemanMetricsTest {

  private static double requests(MeterRegistry registry, String node, String outcome) {
    return registry.get("cacheman.client.requests").tags("node", node, "outcome", outcome).functionCounter().count();
  }

  private static double gets(MeterRegistry registry, String node, String result) {
    return registry.get("cacheman.client.gets").tags("node", node, "result", result).functionCounter().count();
  }

  private static double breaker(MeterRegistry registry, String node, String state) {
    return registry.get("cacheman.client.breaker.state").tags("node", node, "state", state).gauge().value();
  }

  @Test
  void metersCountRealTrafficPerNodeAndFollowTheNodeList() throws Exception {
    try (MinimalServer a = MinimalServer.launch(); MinimalServer b = MinimalServer.launch();
        Cache<String> cache = Clients.strings(c -> c.hashing(Hashing.KETAMA), a.address())) {
      MeterRegistry registry = new SimpleMeterRegistry();
      new CachemanMetrics(cache.admin(), Tags.of("app", "test")).bindTo(registry);
      String nodeA = a.address().id();
      String nodeB = b.address().id();
      for (int i = 0; i < 10; i++) {
        cache.set("k" + i, "v");
      }
      for (int i = 0; i < 5; i++) {
        cache.get("k" + i);
      }
      for (int i = 0; i < 3; i++) {
        cache.get("absent" + i);
      }
      assertEquals(18, requests(registry, nodeA, "success"));
      assertEquals(0, requests(registry, nodeA, "error"));
      assertEquals(5, gets(registry, nodeA, "hit"));
      assertEquals(3, gets(registry, nodeA, "miss"));
      FunctionTimer latency = registry.get("cacheman.client.latency").tags("node", nodeA).functionTimer();
      assertEquals(18, latency.count());
      assertTrue(latency.totalTime(TimeUnit.NANOSECONDS) > 0);
      assertEquals(0, registry.get("cacheman.client.in.flight").tags("node", nodeA).gauge().value());
      assertEquals(1, breaker(registry, nodeA, "up"));
      assertEquals(0, breaker(registry, nodeA, "out"));
      assertEquals(1, registry.get("cacheman.client.nodes").tags("app", "test").gauge().value());
      registry.get("cacheman.client.requests").tags("node", nodeA).meters()
          .forEach(m -> assertEquals("test", m.getId().getTag("app")));
      assertNull(registry.find("cacheman.client.requests").tags("node", nodeB).functionCounter());

      cache.admin().reconfigure(cache.admin().config().toBuilder().nodes(a.address(), b.address()).build());
      assertNotNull(registry.find("cacheman.client.requests").tags("node", nodeB).functionCounter(), "no meters for B");
      String onB = IntStream.range(0, 10_000).mapToObj(i -> "b" + i).filter(k -> nodeB.equals(cache.admin().nodeFor(k)))
          .findFirst().orElseThrow();
      cache.set(onB, "x");
      assertEquals("x", cache.get(onB));
      assertEquals(2, requests(registry, nodeB, "success"));
      assertEquals(1, gets(registry, nodeB, "hit"));
      assertEquals(2, registry.get("cacheman.client.nodes").gauge().value());

      cache.admin().reconfigure(cache.admin().config().toBuilder().nodes(a.address()).build());
      assertNull(registry.find("cacheman.client.requests").tags("node", nodeB).functionCounter(), "B's meters stayed");
      assertNull(registry.find("cacheman.client.breaker.state").tags("node", nodeB).gauge());
      assertEquals(18, requests(registry, nodeA, "success"), "A's count was reset by the change");

      cache.close();
      assertEquals(0, registry.find("cacheman.client.requests").meters().size(), "meters outlived the client");
      assertEquals(0, registry.getMeters().size());
    }
  }

  @Test
  void errorsTimeoutsRejectionsAndTheBreakerAreCounted() throws Exception {
    // The first get is answered with SERVER_ERROR, everything after that with silence.
    try (MisbehavingServer node = new MisbehavingServer((line, n) ->
            line.startsWith("get") && n == 0 ? Reply.of("SERVER_ERROR busy\r\n") : Reply.SILENCE);
        AsyncCache<String> cache = Clients.asyncStrings(c -> c.operationTimeout(Duration.ofMillis(400))
            .maxInFlightPerConnection(1).connectionsPerNode(1).failureThreshold(1)
            .retryInterval(Duration.ofSeconds(30)), node.address())) {
      MeterRegistry registry = new SimpleMeterRegistry();
      new CachemanMetrics(cache.admin()).bindTo(registry);
      String id = node.address().id();

      ExecutionException error = assertThrows(ExecutionException.class, () -> cache.get("e").toCompletableFuture().get(5, TimeUnit.SECONDS));
      assertTrue(error.getCause() instanceof CacheServerException, error.getCause().toString());
      assertEquals(1, requests(registry, id, "error"));

      CompletableFuture<String> silent = cache.get("t").toCompletableFuture();
      await().atMost(Duration.ofSeconds(5)).until(() -> node.commands() >= 2);
      assertEquals(1, registry.get("cacheman.client.in.flight").tags("node", id).gauge().value());
      ExecutionException rejected = assertThrows(ExecutionException.class, () -> cache.get("r").toCompletableFuture().get(5, TimeUnit.SECONDS));
      assertTrue(rejected.getCause().getMessage().contains("in flight"), rejected.getCause().getMessage());
      assertEquals(1, requests(registry, id, "rejected"));

      assertThrows(ExecutionException.class, () -> silent.get(5, TimeUnit.SECONDS));
      assertEquals(1, requests(registry, id, "timeout"));
      assertEquals(1, requests(registry, id, "error"), "a timeout or a rejection is not counted as an error too");
      assertEquals(0, requests(registry, id, "success"));
      // The stall is the node's failure, noted by the connection as the call fails: it may land just after the call's outcome.
      await().atMost(Duration.ofSeconds(5)).until(() -> breaker(registry, id, "out") == 1);
      assertEquals(0, breaker(registry, id, "up"));
      assertTrue(registry.get("cacheman.client.breaker.transitions").tags("node", id).functionCounter().count() >= 1);
      assertEquals(2, registry.get("cacheman.client.latency").tags("node", id).functionTimer().count(),
          "the answered error and the timeout were timed; the rejection never went out");
    }
  }

  @Test
  void bindingAClosedClientRegistersNothing() {
    Cache<String> cache = Clients.strings(io.cacheman.config.NodeAddress.of("127.0.0.1", 16299));
    cache.close();
    MeterRegistry registry = new SimpleMeterRegistry();
    new CachemanMetrics(cache.admin()).bindTo(registry);
    assertEquals(0, registry.getMeters().size());
    assertThrows(CachemanException.class, () -> cache.get("k"));
  }
}
