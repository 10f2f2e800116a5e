package io.cacheman.spring;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cacheman.Cache;
import io.cacheman.CachemanException;
import io.cacheman.testing.MinimalServer;
import java.time.Duration;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The {@code cacheman} health indicator goes DOWN, naming the node, when a node leaves routing. */
@SpringBootTest(classes = BookApp.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class HealthTest {
  private static final ThreeNodes NODES = new ThreeNodes();

  @Autowired Cache<Object> cache;
  @Autowired @Qualifier("cachemanHealthIndicator") HealthIndicator health;

  @DynamicPropertySource
  static void nodes(DynamicPropertyRegistry properties) {
    properties.add("cacheman.nodes", NODES::nodes);
    properties.add("cacheman.failover.failure-threshold", () -> "1");
    properties.add("cacheman.failover.retry-interval", () -> "1h"); // stays out once out
    properties.add("cacheman.reconnect.min-backoff", () -> "20ms");
    properties.add("cacheman.reconnect.max-backoff", () -> "100ms");
  }

  @AfterAll
  static void stop() {
    NODES.close();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aStoppedNodeTurnsTheHealthDownAndIsNamed() {
    assertEquals(Status.UP, health.health().getStatus());
    MinimalServer stopped = NODES.servers.get(1);
    String id = stopped.address().id();
    String itsKey = IntStream.range(0, 10_000).mapToObj(i -> "h" + i).filter(k -> id.equals(cache.admin().nodeFor(k)))
        .findFirst().orElseThrow();
    stopped.kill();
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      try {
        cache.get(itsKey); // traffic: the client notices a dead node by failing to reach it
      } catch (CachemanException e) {
        // expected while the node leaves routing
      }
      return health.health().getStatus().equals(Status.DOWN);
    });
    Map<String, Object> nodes = (Map<String, Object>) health.health().getDetails().get("nodes");
    assertEquals("OUT", ((Map<String, Object>) nodes.get(id)).get("state"));
    assertEquals("UP", ((Map<String, Object>) nodes.get(NODES.servers.get(0).address().id())).get("state"));
  }
}
