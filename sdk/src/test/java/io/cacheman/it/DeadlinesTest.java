package io.cacheman.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.Cache;
import io.cacheman.CacheTimeoutException;
import io.cacheman.testing.Clients;
import io.cacheman.testing.MinimalServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every call returns by its deadline, callers waiting for another caller's load included. */
class DeadlinesTest {
  private static final Duration TIMEOUT = Duration.ofMillis(400);

  @Test
  void callersWaitingForAnotherCallersLoadGiveUpAtTheirDeadline() throws Exception {
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(6);
    try (MinimalServer node = MinimalServer.launch();
        Cache<String> cache = Clients.strings(c -> c.operationTimeout(TIMEOUT), node.address())) {
      Future<String> leader = threads.submit(() -> cache.getOrLoad("slow-load", Duration.ofMinutes(1), k -> {
        loading.countDown();
        awaitQuietly(finish); // a load that takes longer than the operation timeout: the leader's own time
        return "loaded";
      }));
      assertTrue(loading.await(5, TimeUnit.SECONDS));
      List<Future<Long>> waiters = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        waiters.add(threads.submit(() -> {
          long start = System.nanoTime();
          assertThrows(CacheTimeoutException.class, () -> cache.getOrLoad("slow-load", Duration.ofMinutes(1), k -> "mine"));
          return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        }));
      }
      for (Future<Long> waiter : waiters) {
        long waited = waiter.get(10, TimeUnit.SECONDS);
        assertTrue(waited >= TIMEOUT.toMillis() - 50, "gave up after " + waited + " ms, before its deadline");
      }
      finish.countDown();
      assertEquals("loaded", leader.get(10, TimeUnit.SECONDS), "the leader's load is not cut short");
      assertEquals("loaded", cache.get("slow-load"));
    } finally {
      finish.countDown();
      threads.shutdownNow();
    }
  }

  @Test
  void aTtlPastWhatMemcachedCanCarryIsRefusedBeforeAnyIo() throws Exception {
    try (MinimalServer node = MinimalServer.launch(); Cache<String> cache = Clients.strings(node.address())) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> cache.set("forever", "v", Duration.ofDays(365 * 20)));
      assertTrue(e.getMessage().contains("2038-01-19T03:14:07Z"), e.getMessage());
      ExecutionException async = assertThrows(ExecutionException.class,
          () -> cache.async().touch("forever", Duration.ofDays(365 * 20)).toCompletableFuture().get(5, TimeUnit.SECONDS));
      assertTrue(async.getCause() instanceof IllegalArgumentException, String.valueOf(async.getCause()));
      assertTrue(cache.set("year", "v", Duration.ofDays(365)), "a long TTL within the limit is sent as an absolute time");
      assertEquals("v", cache.get("year"));
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
