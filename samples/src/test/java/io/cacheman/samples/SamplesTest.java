package io.cacheman.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.Cache;
import io.cacheman.Cacheman;
import io.cacheman.config.CachemanConfig;
import io.cacheman.config.Hashing;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each sample, run against three embedded nodes, prints what its page of code promises. */
class SamplesTest {
  private static LocalCluster cluster;
  private static Cache<Object> cache;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @BeforeAll
  static void startCluster() {
    cluster = LocalCluster.startOnFreePorts(3);
    cache = Cacheman.open(CachemanConfig.builder().nodes(cluster.nodes()).hashing(Hashing.KETAMA).build());
  }

  @AfterAll
  static void stopCluster() {
    cache.close();
    cluster.close();
  }

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void quickStartStoresReadsAndDeletes() {
    QuickStart.run(cache, out);
    assertTrue(output().contains("get user:42:name -> Ada Lovelace"), output());
    assertTrue(output().contains("incr visits -> 1"), output());
    assertTrue(output().contains("delete user:42:name -> true"), output());
    assertTrue(output().contains("get user:42:name -> null"), output());
  }

  @Test
  void asyncSampleCombinesFutures() {
    AsyncSample.run(cache.async(), out);
    assertTrue(output().contains("city:1 -> Oslo"), output());
    assertTrue(output().contains("city:3 -> Pune"), output());
    assertTrue(output().contains("city:2 upper-cased -> LIMA"), output());
  }

  @Test
  void cacheAsideCallsTheDatabaseOnceForTwentyConcurrentMisses() throws Exception {
    int calls = CacheAsideSample.run(cache, out);
    assertEquals(1, calls, output());
    assertTrue(output().contains("20 concurrent misses -> database queried 1 time(s)"), output());
  }

  @Test
  void customTranscoderStoresTextAnyClientCanRead() {
    CustomTranscoderSample.run(cache, out);
    assertTrue(output().contains("point:home -> Point[x=3, y=4]"), output());
    assertTrue(output().contains("as text by any client -> 3,4"), output());
  }

  @Test
  void failoverSampleKeepsServingWhileANodeIsDown() {
    try (LocalCluster own = LocalCluster.startOnFreePorts(3);
        Cache<Object> client = Cacheman.open(CachemanConfig.builder()
            .nodes(own.nodes())
            .operationTimeout(Duration.ofMillis(200))
            .failureThreshold(2)
            .retryInterval(Duration.ofMillis(500))
            .build())) {
      FailoverSample.Outcome outcome = FailoverSample.run(client, out, 4, second -> {
        if (second == 1) {
          own.stop(2);
        } else if (second == 2) {
          own.restart(2);
        }
      });
      assertTrue(outcome.succeeded() > 100, output());
      assertTrue(output().contains("t= 4s"), output());
      assertTrue(client.admin().stats().node(own.nodes().get(2).id()).breakerTransitions() >= 1, output());
    }
  }
}
