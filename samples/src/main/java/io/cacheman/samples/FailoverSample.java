package io.cacheman.samples;

import io.cacheman.Cache;
import io.cacheman.Cacheman;
import io.cacheman.CachemanException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

/**
 * Failover, watched live: a steady stream of reads and writes, with a one-line report per second
 * of what succeeded, what failed and each node's state. Stop one of your nodes while it runs and
 * watch the client take it out of routing, then start it again and watch it come back.
 *
 * <p>Run: {@code java -cp … io.cacheman.samples.FailoverSample [cacheman.properties] [seconds]}
 */
public final class FailoverSample {
  private FailoverSample() {}

  public static void main(String[] args) {
    Path config = args.length > 0 ? Path.of(args[0]) : null;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    try (Cache<Object> cache = config != null ? Cacheman.open(config) : Cacheman.open()) {
      run(cache, System.out, seconds, second -> { });
    }
  }

  /** The totals of a run. */
  public record Outcome(long succeeded, long failed) {}

  /**
   * Runs traffic for {@code seconds}; {@code everySecond} is called at the start of each second
   * (the demo uses it to stop and restart a node).
   */
  public static Outcome run(Cache<Object> cache, PrintStream out, int seconds, IntConsumer everySecond) {
    long succeeded = 0;
    long failed = 0;
    long seq = 0;
    for (int second = 0; second < seconds; second++) {
      everySecond.accept(second);
      long ok = 0;
      long errors = 0;
      long end = System.nanoTime() + Duration.ofSeconds(1).toNanos();
      while (System.nanoTime() < end) {
        String key = "failover:" + (seq++ % 1000);
        try {
          cache.set(key, key, Duration.ofMinutes(1));
          Object value = cache.get(key);
          if (value != null && !key.equals(value)) {
            throw new IllegalStateException("wrong value for " + key + ": " + value);
          }
          ok++;
        } catch (CachemanException e) {
          errors++;
        }
      }
      succeeded += ok;
      failed += errors;
      out.printf("t=%2ds  ok=%6d  errors=%4d  nodes: %s%n", second + 1, ok, errors, nodeStates(cache));
    }
    return new Outcome(succeeded, failed);
  }

  static String nodeStates(Cache<?> cache) {
    return cache.admin().stats().nodes().stream()
        .map(n -> n.node() + "=" + n.state())
        .collect(Collectors.joining(" "));
  }
}
