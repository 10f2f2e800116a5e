package io.cacheman.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.config.NodeAddress;
import io.cacheman.config.Protocol;
import io.cacheman.samples.stampede.Stampede;
import io.cacheman.testing.Backend;
import io.cacheman.testing.Memcached;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Three application processes, twenty threads each, miss one key at the same moment against a
 * three-node cluster: with memcached's leases (meta) the loader runs once in the whole fleet, where
 * the text protocol runs it once per process.
 */
class StampedeTest {
  private static final int PROCESSES = 3;
  private static final int THREADS = 20;
  private static final Duration LOADER = Duration.ofMillis(200);

  private static String key() {
    return "stampede-" + UUID.randomUUID();
  }

  @Test
  void againstServerMinimalTheLoaderRunsOnceInTheFleetWithLeasesAndOncePerProcessWithout() throws Exception {
    try (LocalCluster cluster = LocalCluster.startOnFreePorts(3)) {
      Stampede.Outcome text = Stampede.run(cluster.nodes(), Protocol.TEXT, key(), PROCESSES, THREADS, LOADER, false);
      Stampede.Outcome meta = Stampede.run(cluster.nodes(), Protocol.META, key(), PROCESSES, THREADS, LOADER, false);
      System.out.println("[stampede] server-minimal: text " + text + ", meta " + meta);
      assertEquals(new Stampede.Outcome(PROCESSES, PROCESSES * THREADS, 0), text);
      assertEquals(new Stampede.Outcome(1, PROCESSES * THREADS, 0), meta);
    }
  }

  @Test
  void againstMemcachedTheLoaderRunsOnceInTheFleet() throws Exception {
    List<Backend> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        nodes.add(Memcached.launch());
      }
      List<NodeAddress> addresses = nodes.stream().map(Backend::address).toList();
      Stampede.Outcome meta = Stampede.run(addresses, Protocol.META, key(), PROCESSES, THREADS, LOADER, false);
      Stampede.Outcome auto = Stampede.run(addresses, Protocol.AUTO, key(), PROCESSES, THREADS, LOADER, false);
      System.out.println("[stampede] memcached: meta " + meta + ", auto " + auto);
      assertEquals(new Stampede.Outcome(1, PROCESSES * THREADS, 0), meta);
      assertEquals(new Stampede.Outcome(1, PROCESSES * THREADS, 0), auto);
    } finally {
      nodes.forEach(Backend::close);
    }
  }

  @Test
  void aFailingLoaderIsRetriedOncePerLeaseNotByEveryCaller() throws Exception {
    try (LocalCluster cluster = LocalCluster.startOnFreePorts(3)) {
      // The workers' lease is 2 s (1 to 2 s on memcached's clock) and their timeout 3 s: a few wins at most.
      Stampede.Outcome failing = Stampede.run(cluster.nodes(), Protocol.META, key(), PROCESSES, THREADS, LOADER, true);
      System.out.println("[stampede] server-minimal, the loader throwing: " + failing);
      assertEquals(PROCESSES * THREADS, failing.failures());
      assertTrue(failing.loads() >= 2 && failing.loads() <= 5, failing.toString());
    }
  }
}
