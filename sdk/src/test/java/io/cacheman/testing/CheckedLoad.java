package io.cacheman.testing;

import io.cacheman.Cache;
import io.cacheman.CachemanException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * A bounded concurrent workload of sets and gets whose values embed their key ({@code key|seq}),
 * so a value returned for the wrong key is caught. Counts successes, failures by type, wrong
 * values, and the slowest call. Stops on {@link #close()} or after {@code maxRun}, whichever is
 * first.
 */
public final class CheckedLoad implements AutoCloseable {
  public final AtomicLong successes = new AtomicLong();
  public final AtomicLong failures = new AtomicLong();
  public final AtomicLong wrongValues = new AtomicLong();
  public final LongAccumulator slowestNanos = new LongAccumulator(Math::max, 0);
  public final Map<String, AtomicLong> failuresByType = new ConcurrentHashMap<>();

  private final Cache<String> cache;
  private final String prefix;
  private final int keys;
  private final long stopAt;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;

  public CheckedLoad(Cache<String> cache, String prefix, int threadCount, int keys, Duration maxRun) {
    this.cache = cache;
    this.prefix = prefix;
    this.keys = keys;
    this.stopAt = System.nanoTime() + maxRun.toNanos();
    for (int i = 0; i < threadCount; i++) {
      Thread thread = new Thread(this::run, "checked-load-" + i);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
  }

  private void run() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long seq = 0;
    while (running && System.nanoTime() < stopAt) {
      String key = prefix + random.nextInt(keys);
      long start = System.nanoTime();
      try {
        if (random.nextBoolean()) {
          cache.set(key, key + "|" + seq++);
        } else {
          String value = cache.get(key);
          if (value != null && !value.startsWith(key + "|")) {
            wrongValues.incrementAndGet();
          }
        }
        successes.incrementAndGet();
      } catch (CachemanException e) {
        failures.incrementAndGet();
        failuresByType.computeIfAbsent(e.getClass().getSimpleName(), t -> new AtomicLong()).incrementAndGet();
      } finally {
        slowestNanos.accumulate(System.nanoTime() - start);
      }
    }
  }

  /** The slowest call so far, in milliseconds. */
  public long slowestMillis() {
    return TimeUnit.NANOSECONDS.toMillis(slowestNanos.get());
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    for (Thread thread : threads) {
      thread.join(5_000);
    }
  }

  @Override
  public String toString() {
    return "successes=" + successes + " failures=" + failuresByType + " wrong=" + wrongValues + " slowest=" + slowestMillis() + "ms";
  }
}
