package io.cacheman.reliability.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.cacheman.Cache;
import io.cacheman.Cacheman;
import io.cacheman.CachemanException;
import io.cacheman.Transcoders;
import io.cacheman.config.CachemanConfig;
import io.cacheman.reliability.node.ProcStatus;
import io.cacheman.reliability.testing.Expect;
import io.cacheman.reliability.workload.CheckedValue;
import java.time.Duration;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * RELIABILITY §B 14: open, use and close a client 1,000 times, and restart a node 100 times under
 * an open client; live threads and open file descriptors come back to their baseline ±2.
 */
class LifecycleTest {

  @Test
  void aThousandClientsOpenedUsedAndClosedLeaveNothingBehind() {
    try (LocalNodes nodes = LocalNodes.start(2)) {
      // Leaks are the subject here, not latency: a new client's first call waits for its connect.
      CachemanConfig config = nodes.config().operationTimeout(Duration.ofSeconds(2)).build();
      byte[] value = CheckedValue.encode("life", 1, 100);
      useOnce(config, value); // class loading, JMX and logging set-up happen once
      int threads = Observe.threads();
      int fds = ProcStatus.openFileDescriptors();
      long start = System.nanoTime();
      AtomicLong slowest = new AtomicLong();
      List<CompletableFuture<Void>> users = new ArrayList<>();
      for (int t = 0; t < 4; t++) { // four applications' worth, side by side: 250 clients each
        users.add(CompletableFuture.runAsync(() -> {
          for (int i = 0; i < 250; i++) {
            long t0 = System.nanoTime();
            useOnce(config, value);
            slowest.accumulateAndGet(System.nanoTime() - t0, Math::max);
          }
        }, runnable -> new Thread(runnable, "lifecycle-user").start()));
      }
      users.forEach(CompletableFuture::join);
      Duration took = Expect.since(start);
      Observe.until("threads back to baseline", System.nanoTime(), Duration.ofSeconds(10),
          () -> Observe.threads() <= threads + 2);
      Observe.until("FDs back to baseline", System.nanoTime(), Duration.ofSeconds(10),
          () -> ProcStatus.openFileDescriptors() <= fds + 2);
      Observe.figures("B14 lifecycle", "1,000 clients in " + took.toMillis() + " ms (slowest open-set-get-close "
          + slowest.get() / 1_000_000 + " ms); threads " + threads + " -> "
          + Observe.threads() + ", FDs " + fds + " -> " + ProcStatus.openFileDescriptors());
    }
  }

  private static void useOnce(CachemanConfig config, byte[] value) {
    try (Cache<byte[]> cache = Cacheman.builder().config(config).transcoder(Transcoders.bytes()).build()) {
      cache.set("life", value);
      assertArrayEquals(value, cache.get("life"));
    }
  }

  @Test
  void aHundredNodeRestartsUnderAnOpenClientLeaveNothingBehind() {
    try (LocalNodes nodes = LocalNodes.start(1)) {
      CachemanConfig config = nodes.config().failureThreshold(1_000)
          .reconnectBackoff(Duration.ofMillis(5), Duration.ofMillis(50)).build();
      byte[] value = CheckedValue.encode("life", 1, 100);
      try (Cache<byte[]> cache = Cacheman.builder().config(config).transcoder(Transcoders.bytes()).build()) {
        cache.set("life", value);
        // Threads are counted without the fault proxy's own (4 per proxied connection): they belong
        // to the test harness and come and go with its connections, not with the client or node.
        int threads = Observe.threadsOutsideTheHarness();
        Set<String> before = Observe.threadNames();
        int fds = ProcStatus.openFileDescriptors();
        long start = System.nanoTime();
        int failures = 0;
        for (int i = 0; i < 100; i++) {
          nodes.restart(0);
          try {
            cache.set("life", value);
          } catch (CachemanException e) {
            failures++; // the first call after a restart may meet the dropped connection
          }
        }
        Duration took = Expect.since(start);
        Observe.until("a working client", System.nanoTime(), Duration.ofSeconds(10), () -> {
          try {
            return cache.set("life", value);
          } catch (CachemanException e) {
            return false;
          }
        });
        assertArrayEquals(value, cache.get("life"));
        Observe.until("threads back to baseline", System.nanoTime(), Duration.ofSeconds(10),
            () -> Observe.threadsOutsideTheHarness() <= threads + 2, () -> "new threads: " + Observe.newThreads(before));
        // Each connection opens its own reply selector (an epoll and an eventfd) the first time a
        // caller reads its reply itself: the reconnected ones may have, where those of the baseline
        // had not. A leak grows with the restarts; this slack does not.
        int selectorSlack = 2 * config.connectionsPerNode();
        Observe.until("FDs back to baseline", System.nanoTime(), Duration.ofSeconds(10),
            () -> ProcStatus.openFileDescriptors() <= fds + 2 + selectorSlack);
        Observe.figures("B14 lifecycle", "100 node restarts in " + took.toMillis() + " ms (" + failures
            + " sets failed right after a restart); reconnects " + cache.admin().stats().total().reconnects()
            + "; threads " + threads + " -> " + Observe.threadsOutsideTheHarness() + ", FDs " + fds + " -> "
            + ProcStatus.openFileDescriptors());
      }
    }
  }
}
