package io.cacheman.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cacheman.Cache;
import io.cacheman.testing.Clients;
import io.cacheman.testing.Memcached;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Concurrent misses of one key share one loader call (no stampede on the backing store). */
class GetOrLoadStampedeTest {
  private static final int THREADS = 20;

  @Test
  void twentyThreadsMissingTogetherCallTheLoaderOnce() throws Exception {
    try (Memcached node = Memcached.launch(); Cache<String> cache = Clients.strings(node.address())) {
      for (int round = 0; round < 5; round++) {
        String key = "stampede-" + round;
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch allAsked = new CountDownLatch(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
          List<Future<String>> results = new ArrayList<>();
          for (int i = 0; i < THREADS; i++) {
            results.add(pool.submit(() -> {
              allAsked.countDown();
              return cache.getOrLoad(key, Duration.ofMinutes(1), k -> {
                loads.incrementAndGet();
                awaitQuietly(allAsked); // hold the load until every thread has asked
                return "loaded:" + k;
              });
            }));
          }
          for (Future<String> result : results) {
            assertEquals("loaded:" + key, result.get(5, TimeUnit.SECONDS));
          }
        } finally {
          pool.shutdownNow();
        }
        assertEquals(1, loads.get(), "loader calls in round " + round);
        assertEquals("loaded:" + key, cache.get(key));
      }
    }
  }

  @Test
  void asyncMissesShareOneLoadToo() throws Exception {
    try (Memcached node = Memcached.launch(); Cache<String> cache = Clients.strings(node.address())) {
      AtomicInteger loads = new AtomicInteger();
      CompletableFuture<String> slowSource = new CompletableFuture<>();
      List<CompletableFuture<String>> results = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        results.add(cache.async().getOrLoad("async-stampede", Duration.ofMinutes(1), k -> {
          loads.incrementAndGet();
          return slowSource;
        }).toCompletableFuture());
      }
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> loads.get() >= 1);
      slowSource.complete("from source");
      for (CompletableFuture<String> result : results) {
        assertEquals("from source", result.get(5, TimeUnit.SECONDS));
      }
      assertEquals(1, loads.get());
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
