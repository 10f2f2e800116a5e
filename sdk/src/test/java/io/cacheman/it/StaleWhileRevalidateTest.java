package io.cacheman.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.Cache;
import io.cacheman.LoadResult;
import io.cacheman.testing.Backend;
import io.cacheman.testing.Clients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Stale-while-revalidate and early refresh over memcached's meta protocol, against memcached and
 * server-minimal: an invalidated value is served, flagged stale, to everyone but the one caller
 * that reloads it, and the loader runs exactly once per invalidation.
 */
class StaleWhileRevalidateTest {
  private static final Duration LOADER = Duration.ofMillis(200);

  @ParameterizedTest
  @EnumSource(value = Backend.Kind.class, names = {"MEMCACHED_META", "SERVER_MINIMAL_META"})
  void anInvalidatedValueIsServedStaleWhileOneCallerReloadsIt(Backend.Kind kind) throws Exception {
    try (Backend node = kind.start(); Cache<String> cache = Clients.strings(node::clientSettings, node.address())) {
      String key = "swr-" + UUID.randomUUID();
      AtomicInteger loads = new AtomicInteger();
      AtomicInteger version = new AtomicInteger();
      java.util.function.Function<String, String> loader = k -> {
        loads.incrementAndGet();
        sleep(LOADER.toMillis());
        return "v" + version.incrementAndGet();
      };
      assertEquals("v1", cache.getOrLoad(key, Duration.ofMinutes(1), loader));
      List<Long> hitNanos = timedCalls(cache, key, loader, 16, 20, new ConcurrentLinkedQueue<>());

      int invalidations = 3;
      ConcurrentLinkedQueue<LoadResult<String>> results = new ConcurrentLinkedQueue<>();
      List<Long> othersNanos = new ArrayList<>();
      for (int round = 1; round <= invalidations; round++) {
        assertTrue(cache.invalidate(key));
        results.clear();
        List<Long> nanos = timedCalls(cache, key, loader, 16, 20, results);
        List<LoadResult<String>> all = new ArrayList<>(results);
        long reloaders = all.stream().filter(LoadResult::loaded).count();
        assertEquals(1, reloaders, "one caller reloads per invalidation: " + all);
        String old = "v" + round;
        String fresh = "v" + (round + 1);
        for (LoadResult<String> r : all) {
          if (r.loaded()) {
            assertEquals(fresh, r.value());
          } else {
            assertTrue(r.stale() ? r.value().equals(old) : r.value().equals(fresh), r.toString());
          }
        }
        assertTrue(all.stream().anyMatch(LoadResult::stale), "someone was served the stale value: " + all);
        othersNanos.addAll(nanos.subList(0, nanos.size() - 1)); // the slowest call is the reloader's
      }
      assertEquals(1 + invalidations, loads.get());
      System.out.printf("[swr] %s: hit p99 %.2f ms, others after an invalidation p99 %.2f ms, loader %d ms%n",
          node.name(), p99(hitNanos) / 1e6, p99(othersNanos) / 1e6, LOADER.toMillis());
    }
  }

  @ParameterizedTest
  @EnumSource(value = Backend.Kind.class, names = {"MEMCACHED_META", "SERVER_MINIMAL_META"})
  void aValueNearItsExpiryIsRefreshedEarlyByOneCallerAndNeverMissed(Backend.Kind kind) throws Exception {
    try (Backend node = kind.start(); Cache<String> cache = Clients.strings(node::clientSettings, node.address())) {
      String key = "ahead-" + UUID.randomUUID();
      AtomicInteger loads = new AtomicInteger();
      java.util.function.Function<String, String> loader = k -> "v" + loads.incrementAndGet();
      Duration ttl = Duration.ofSeconds(3);
      Duration ahead = Duration.ofSeconds(2);
      assertEquals("v1", cache.getOrLoad(key, ttl, loader, ahead));
      // Within 2 s of the end of its 3 s: the next reads win one early refresh among them.
      long until = System.nanoTime() + Duration.ofMillis(2500).toNanos();
      List<String> seen = new ArrayList<>();
      while (System.nanoTime() < until) {
        seen.add(cache.getOrLoad(key, ttl, loader, ahead));
        sleep(50);
      }
      assertFalse(seen.contains(null));
      assertTrue(loads.get() >= 2 && loads.get() <= 3, "refreshed early, once per window: " + loads.get());
      assertTrue(seen.contains("v2"), seen.toString());
    }
  }

  @ParameterizedTest
  @EnumSource(value = Backend.Kind.class, names = {"MEMCACHED_META", "SERVER_MINIMAL_META"})
  void aPlainReadDuringALoadSeesAMissNotThePlaceholder(Backend.Kind kind) throws Exception {
    try (Backend node = kind.start(); Cache<String> cache = Clients.strings(node::clientSettings, node.address())) {
      String key = "placeholder-" + UUID.randomUUID();
      CountDownLatch loading = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      Thread loader = new Thread(() -> cache.getOrLoad(key, Duration.ofMinutes(1), k -> {
        loading.countDown();
        await(release);
        return "value";
      }));
      loader.start();
      await(loading);
      assertNull(cache.get(key));
      assertEquals(0, cache.getMulti(List.of(key, key + "-other")).size());
      release.countDown();
      loader.join();
      assertEquals("value", cache.get(key));
    }
  }

  /** {@code threads} threads each make {@code calls} getOrLoad calls; every call's time, sorted. */
  private static List<Long> timedCalls(Cache<String> cache, String key, java.util.function.Function<String, String> loader,
      int threads, int calls, ConcurrentLinkedQueue<LoadResult<String>> results) throws InterruptedException {
    ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> all = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread thread = new Thread(() -> {
        await(start);
        for (int i = 0; i < calls; i++) {
          long began = System.nanoTime();
          results.add(cache.getOrLoadResult(key, Duration.ofMinutes(1), loader, Duration.ZERO));
          nanos.add(System.nanoTime() - began);
        }
      });
      thread.start();
      all.add(thread);
    }
    start.countDown();
    for (Thread thread : all) {
      thread.join();
    }
    long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    return Arrays.stream(sorted).boxed().toList();
  }

  private static double p99(List<Long> nanos) {
    long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)];
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
