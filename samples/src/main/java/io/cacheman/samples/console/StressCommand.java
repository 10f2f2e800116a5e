package io.cacheman.samples.console;

import io.cacheman.Cache;
import io.cacheman.CachemanException;
import io.cacheman.samples.console.ConsoleSession.ConsoleException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * A bounded load test from the console: threads doing gets and sets on random keys for a fixed
 * time, a progress line each second, and a summary table at the end. It stops by itself.
 */
@Command(name = "stress", description = "a bounded load test with a live progress line and a summary",
    customSynopsis = "stress [--seconds 10] [--threads 4] [--keys 10000] [--value-bytes 100] [--get-ratio 0.9]")
final class StressCommand implements Callable<Integer> {
  @ParentCommand Commands root;
  @Option(names = "--seconds", defaultValue = "10") int seconds;
  @Option(names = "--threads", defaultValue = "4") int threads;
  @Option(names = "--keys", defaultValue = "10000") int keys;
  @Option(names = "--value-bytes", defaultValue = "100") int valueBytes;
  @Option(names = "--get-ratio", defaultValue = "0.9") double getRatio;

  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder sets = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final Recorder latency = new Recorder(3);

  @Override
  public Integer call() throws InterruptedException {
    validate();
    Cache<Object> cache = root.session.cache();
    byte[] value = new byte[valueBytes];
    ThreadLocalRandom.current().nextBytes(value);
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread worker = new Thread(() -> work(cache, value, deadline), "cacheman-stress-" + i);
      worker.setDaemon(true);
      workers.add(worker);
      worker.start();
    }
    Histogram total = new Histogram(3);
    long before = 0;
    for (int second = 1; second <= seconds; second++) {
      Thread.sleep(1000);
      Histogram interval = latency.getIntervalHistogram();
      total.add(interval);
      long ops = ops();
      root.session.err().printf("[%2d/%ds] %,9d ops/s  hit ratio %5.1f%%  p99 %6dus  errors %d%n",
          second, seconds, ops - before, 100 * hitRatio(), interval.getValueAtPercentile(99) / 1000, errors.sum());
      root.session.err().flush();
      before = ops;
    }
    for (Thread worker : workers) {
      worker.join(Duration.ofSeconds(5).toMillis());
    }
    total.add(latency.getIntervalHistogram());
    summary(total);
    return errors.sum() == 0 ? ConsoleSession.OK : ConsoleSession.FAILED;
  }

  private void validate() {
    check(seconds >= 1 && seconds <= 3600, "--seconds must be 1..3600");
    check(threads >= 1 && threads <= 256, "--threads must be 1..256");
    check(keys >= 1, "--keys must be at least 1");
    check(valueBytes >= 0 && valueBytes <= 1_000_000, "--value-bytes must be 0..1000000");
    check(getRatio >= 0 && getRatio <= 1, "--get-ratio must be 0..1");
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new ConsoleException(message);
    }
  }

  private void work(Cache<Object> cache, byte[] value, long deadline) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (System.nanoTime() < deadline) {
      String key = "stress:" + random.nextInt(keys);
      long start = System.nanoTime();
      try {
        if (random.nextDouble() < getRatio) {
          if (cache.get(key) != null) {
            hits.increment();
          } else {
            misses.increment();
          }
        } else {
          cache.set(key, value, Duration.ofMinutes(10));
          sets.increment();
        }
      } catch (CachemanException e) {
        errors.increment();
      }
      latency.recordValue(Math.min(System.nanoTime() - start, Duration.ofMinutes(1).toNanos()));
    }
  }

  private long ops() {
    return hits.sum() + misses.sum() + sets.sum() + errors.sum();
  }

  private double hitRatio() {
    long reads = hits.sum() + misses.sum();
    return reads == 0 ? 0 : (double) hits.sum() / reads;
  }

  private void summary(Histogram total) {
    var out = root.session.out();
    out.printf("%-12s %s%n", "threads", threads);
    out.printf("%-12s %d s%n", "duration", seconds);
    out.printf("%-12s %d%n", "operations", ops());
    out.printf("%-12s %.0f%n", "ops/s", (double) ops() / seconds);
    out.printf("%-12s %.3f%n", "hit-ratio", hitRatio());
    out.printf("%-12s %d%n", "errors", errors.sum());
    out.printf("%-12s %d us%n", "p50", total.getValueAtPercentile(50) / 1000);
    out.printf("%-12s %d us%n", "p99", total.getValueAtPercentile(99) / 1000);
    out.printf("%-12s %d us%n", "p99.9", total.getValueAtPercentile(99.9) / 1000);
    out.printf("%-12s %d us%n", "max", total.getMaxValue() / 1000);
  }
}
