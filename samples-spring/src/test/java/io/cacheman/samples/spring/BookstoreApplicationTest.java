package io.cacheman.samples.spring;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.Cache;
import io.cacheman.CachemanException;
import io.cacheman.server.CachemanServer;
import io.cacheman.server.ServerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sample, started as its main method starts it, on Spring Boot 4, against three nodes in this
 * JVM (on free ports: the demo cluster's own may be taken by a demo running beside the tests).
 */
@ExtendWith(OutputCaptureExtension.class)
class BookstoreApplicationTest {
  private final List<CachemanServer> nodes = new ArrayList<>();

  @AfterEach
  void stop() {
    nodes.forEach(CachemanServer::close);
  }

  private ConfigurableApplicationContext start(String... extra) {
    for (int i = 0; i < 3; i++) {
      nodes.add(CachemanServer.start(ServerConfig.builder().port(0).threads(1).build()));
    }
    // The sample's 250 ms operation timeout suits a demo on an idle machine; a test on a busy
    // shared one needs room, or a slow reply fails the tour.
    List<String> args = new ArrayList<>(List.of("--cacheman.nodes="
        + nodes.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(",")),
        "--cacheman.operation-timeout=2s"));
    args.addAll(List.of(extra));
    return SpringApplication.run(BookstoreApplication.class, args.toArray(String[]::new));
  }

  @Test
  void theTourCachesBooksAndPricesAndCountsHitsAndMisses(CapturedOutput output) {
    try (ConfigurableApplicationContext context = start()) {
      assertTrue(output.getOut().contains("round 1: the store was queried 6 times so far"), output.getOut());
      assertTrue(output.getOut().contains("round 2: the store was queried 6 times so far"), output.getOut());
      // 7 misses of @Cacheable lookups, plus one more look for each of the 3 sync loads: getOrLoad
      // reads the key again once it leads the load, in case another caller stored it meanwhile.
      assertTrue(output.getOut().contains("after evicting 978-0134685991: 7 queries; cache hits 6, misses 10"),
          output.getOut());
    }
  }

  @Test
  void syncTrueQueriesTheStoreOnceForTwentyConcurrentCallers() throws Exception {
    try (ConfigurableApplicationContext context = start()) {
      Catalogue catalogue = context.getBean(Catalogue.class);
      int before = catalogue.queries();
      CountDownLatch ready = new CountDownLatch(20);
      ExecutorService pool = Executors.newFixedThreadPool(20);
      try {
        List<Future<Long>> prices = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          prices.add(pool.submit(() -> {
            ready.countDown();
            ready.await(5, TimeUnit.SECONDS); // all ask at once
            return catalogue.priceInCents("978-0000000001");
          }));
        }
        for (Future<Long> price : prices) {
          assertEquals(prices.get(0).get(10, TimeUnit.SECONDS), price.get(10, TimeUnit.SECONDS));
        }
      } finally {
        pool.shutdownNow();
      }
      assertEquals(1, catalogue.queries() - before);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theMetersAreRegisteredAndTheHealthGoesDownForAStoppedNode() {
    try (ConfigurableApplicationContext context = start("--cacheman.failover.failure-threshold=1",
        "--cacheman.failover.retry-interval=1h")) {
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      Cache<Object> cache = context.getBean(Cache.class);
      for (CachemanServer node : nodes) {
        assertNotNull(registry.find("cacheman.client.requests").tag("node", "127.0.0.1:" + node.port())
            .functionCounter(), "meters of node " + node.port());
      }
      HealthIndicator health = context.getBean("cachemanHealthIndicator", HealthIndicator.class);
      assertEquals(Status.UP, health.health().getStatus());

      String stopped = "127.0.0.1:" + nodes.get(2).port();
      String itsKey = IntStream.range(0, 10_000).mapToObj(i -> "k" + i).filter(k -> stopped.equals(cache.admin()
          .nodeFor(k))).findFirst().orElseThrow();
      nodes.get(2).close();
      await().atMost(Duration.ofSeconds(10)).until(() -> {
        try {
          cache.get(itsKey);
        } catch (CachemanException e) {
          // the node is leaving routing
        }
        return health.health().getStatus().equals(Status.DOWN);
      });
      Map<String, Object> perNode = (Map<String, Object>) health.health().getDetails().get("nodes");
      assertEquals("OUT", ((Map<String, Object>) perNode.get(stopped)).get("state"));
    }
  }
}
