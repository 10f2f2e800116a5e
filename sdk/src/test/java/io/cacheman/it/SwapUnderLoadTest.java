package io.cacheman.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.Cache;
import io.cacheman.config.CachemanConfig;
import io.cacheman.config.Hashing;
import io.cacheman.config.NodeAddress;
import io.cacheman.testing.CheckedLoad;
import io.cacheman.testing.Clients;
import io.cacheman.testing.MinimalServer;
import io.cacheman.testing.RawClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node list and the hashing change again and again under a concurrent load of sets and gets
 * whose values name their key: no call gets another key's value, and none fails (every node
 * stays up, so nothing is expected to).
 */
class SwapUnderLoadTest {
  private static final Logger log = LoggerFactory.getLogger(SwapUnderLoadTest.class);
  private final List<MinimalServer> servers = new ArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(MinimalServer::close);
  }

  @Test
  void repeatedSwapsNeverMixUpValuesOrFailCalls() throws Exception {
    for (int i = 0; i < 3; i++) {
      servers.add(MinimalServer.launch());
    }
    NodeAddress a = servers.get(0).address();
    NodeAddress b = servers.get(1).address();
    NodeAddress c = servers.get(2).address();
    List<List<NodeAddress>> lists = List.of(List.of(a, b, c), List.of(a, b), List.of(b, c), List.of(c, a, b), List.of(a));
    CachemanConfig first = Clients.config(a, b, c).hashing(Hashing.KETAMA).build();
    int swaps = 0;
    try (Cache<String> cache = Clients.strings(x -> x.hashing(Hashing.KETAMA), a, b, c);
        CheckedLoad load = new CheckedLoad(cache, "swap-", 4, 300, Duration.ofSeconds(60))) {
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (swaps < 40 && System.nanoTime() < deadline) {
        List<NodeAddress> nodes = lists.get(swaps % lists.size());
        Hashing hashing = swaps % 7 == 6 ? Hashing.MODULO : Hashing.KETAMA;
        cache.admin().reconfigure(first.toBuilder().nodes(nodes).hashing(hashing).build());
        swaps++;
        long done = load.successes.get();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(1))
            .until(() -> load.successes.get() > done + 40); // some calls on this node list before the next swap
      }
      load.close();
      log.info("{} swaps under load: {}", swaps, load);
      assertTrue(swaps >= 20, "only " + swaps + " swaps in 20 s");
      assertEquals(0, load.wrongValues.get(), "a value came back for another key");
      assertEquals(0, load.failures.get(), "calls failed: " + load.failuresByType);
      assertTrue(load.successes.get() > 40L * swaps);
      List<NodeAddress> last = lists.get((swaps - 1) % lists.size());
      for (MinimalServer server : servers) {
        if (!last.contains(server.address())) {
          try (RawClient raw = new RawClient(server.port())) {
            await().atMost(Duration.ofSeconds(5)).until(() -> raw.stat("curr_connections") == 1); // only this one
          }
        }
      }
    }
  }
}
