package io.cacheman.samples;

import io.cacheman.Cache;
import io.cacheman.Cacheman;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Cache-aside with {@code getOrLoad}: twenty threads miss the same key at once, and the slow
 * "database" is still asked only once; the others wait for its answer.
 */
public final class CacheAsideSample {
  private CacheAsideSample() {}

  public static void main(String[] args) throws Exception {
    try (Cache<Object> cache = args.length > 0 ? Cacheman.open(Path.of(args[0])) : Cacheman.open()) {
      run(cache, System.out);
    }
  }

  /** Returns how many times the database was queried. */
  static int run(Cache<Object> cache, PrintStream out) throws Exception {
    String key = "report:" + System.nanoTime();
    AtomicInteger databaseCalls = new AtomicInteger();
    int threads = 20;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Object>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(pool.submit(() -> {
          start.await();
          return cache.getOrLoad(key, Duration.ofMinutes(1), k -> slowDatabaseQuery(k, databaseCalls));
        }));
      }
      start.countDown();
      for (Future<Object> result : results) {
        result.get(10, TimeUnit.SECONDS);
      }
      out.println(threads + " concurrent misses -> database queried " + databaseCalls.get() + " time(s)");
      out.println("cached value: " + cache.get(key));
      return databaseCalls.get();
    } finally {
      pool.shutdownNow();
    }
  }

  private static String slowDatabaseQuery(String key, AtomicInteger calls) {
    calls.incrementAndGet();
    try {
      Thread.sleep(200); // stands in for a slow query
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "rows for " + key;
  }
}
