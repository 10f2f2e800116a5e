package io.cacheman.reliability.workload;

import io.cacheman.reliability.workload.Checker.Phase;
import java.time.Duration;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What a {@link Checker} counted, frozen at one moment.
 *
 * @param reads gets judged (hits plus misses)
 * @param writes sets attempted
 * @param acks sets acknowledged as stored
 * @param hits reads that returned a value
 * @param misses reads that returned nothing
 * @param unexpectedMisses misses of an acknowledged value on a node nobody disturbed (must be 0)
 * @param wrongKey values written for another key (must be 0)
 * @param corrupted values whose checksum failed (must be 0)
 * @param stale values older than the last acknowledged set (possible after failover)
 * @param phantom values newer than any attempted set (must be 0)
 * @param errorsByType failed operations per exception class
 * @param errorsByPhase failed operations per phase
 * @param hitRatio hits / (hits + misses) of the checked single-key and multi-key reads, per phase (the
 *     read's start, for workload reads)
 * @param latency operation latency in nanoseconds per phase
 * @param firstUnexpectedMiss the first unexpected miss, for the failure message, or null
 * @param staleByPhase {@code stale}, split by the phase each read started in: stale reads after a
 *     node is back in routing are the figure of RELIABILITY §B 16
 */
public record Report(long reads, long writes, long acks, long hits, long misses, long unexpectedMisses,
    long wrongKey, long corrupted, long stale, long phantom, Map<String, Long> errorsByType,
    Map<Phase, Long> errorsByPhase, Map<Phase, Double> hitRatio, Map<Phase, Histogram> latency,
    String firstUnexpectedMiss, Map<Phase, Long> staleByPhase) {

  /** Stale reads among those started in {@code phase}. */
  public long stale(Phase phase) {
    return staleByPhase.getOrDefault(phase, 0L);
  }

  /** All failed operations. */
  public long errors() {
    return errorsByType.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Operations completed, successfully or not. */
  public long operations() {
    return latency.values().stream().mapToLong(Histogram::getTotalCount).sum();
  }

  /** The latency at {@code percentile} (0..100) of operations started in {@code phase}. */
  public Duration percentile(Phase phase, double percentile) {
    return Duration.ofNanos(latency.get(phase).getValueAtPercentile(percentile));
  }

  /** The slowest operation started in {@code phase}. */
  public Duration max(Phase phase) {
    return Duration.ofNanos(latency.get(phase).getMaxValue());
  }

  /** The slowest operation of the run, whatever its phase. */
  public Duration slowest() {
    Duration max = Duration.ZERO;
    for (Phase p : Phase.values()) {
      max = max(p).compareTo(max) > 0 ? max(p) : max;
    }
    return max;
  }

  /** The number of operations started in {@code phase}. */
  public long count(Phase phase) {
    return latency.get(phase).getTotalCount();
  }

  /** True when nothing that must never happen did: no wrong key, corruption, phantom or unexpected miss. */
  public boolean clean() {
    return wrongKey == 0 && corrupted == 0 && phantom == 0 && unexpectedMisses == 0;
  }

  /** A multi-line summary: the correctness counters, errors, and latency per phase that saw traffic. */
  public String summary() {
    StringBuilder s = new StringBuilder();
    s.append(String.format("reads %d (hits %d, misses %d), sets %d (acked %d)%n", reads, hits, misses, writes, acks));
    s.append(String.format("wrong-key %d, corrupted %d, phantom %d, unexpected misses %d%s, stale %d %s%n",
        wrongKey, corrupted, phantom, unexpectedMisses,
        firstUnexpectedMiss == null ? "" : " (first: " + firstUnexpectedMiss + ")", stale, staleByPhase));
    s.append(String.format("errors %d %s, by phase %s%n", errors(), errorsByType, errorsByPhase));
    for (Phase p : Phase.values()) {
      if (count(p) > 0) {
        s.append(String.format("latency %-6s n=%d p50=%s p99=%s p999=%s max=%s, hit ratio %.3f%n", p, count(p),
            ms(percentile(p, 50)), ms(percentile(p, 99)), ms(percentile(p, 99.9)), ms(max(p)), hitRatio.get(p)));
      }
    }
    return s.toString();
  }

  /** A duration as milliseconds with one decimal, e.g. {@code 1.3ms}. */
  public static String ms(Duration d) {
    return String.format("%.1fms", d.toNanos() / 1e6);
  }
}
