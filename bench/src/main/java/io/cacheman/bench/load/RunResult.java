package io.cacheman.bench.load;

import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * The measured window of one run.
 *
 * @param elapsed how long the measured window lasted
 * @param counts operations completed in it
 * @param latency latencies of successful calls, in nanoseconds (one per call, a multi-get included)
 * @param firstError the first failure as one line, or {@code null}
 * @param cpuNanos CPU time the JVM that ran the client used in the window (all its threads, the
 *     load generator's included), or {@link ProcessCpu#UNAVAILABLE}
 */
public record RunResult(Duration elapsed, Counts counts, Histogram latency, String firstError, long cpuNanos) {

  /** Successful operations per second. */
  public double opsPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : counts.operations() / seconds;
  }

  /** Keys read or written per second by successful calls (equal to ops/s without multi-gets). */
  public double keysPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : counts.keys() / seconds;
  }

  /** Share of the keys asked for by gets that were found, or NaN without gets. */
  public double hitRatio() {
    return counts.hitRatio();
  }

  /** The latency at {@code percentile} (0..100) in microseconds; NaN without samples. */
  public double latencyMicros(double percentile) {
    return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1000.0;
  }

  /**
   * Client CPU per request: {@link #cpuNanos} over the successful operations, in microseconds; NaN
   * when the CPU time is unavailable or nothing succeeded.
   */
  public double cpuMicrosPerOp() {
    long ops = counts.operations();
    return cpuNanos < 0 || ops == 0 ? Double.NaN : cpuNanos / 1000.0 / ops;
  }

  /**
   * Client CPU per key: {@link #cpuNanos} over the keys of the successful calls ({@link
   * Counts#keys}), in microseconds; NaN when unavailable or nothing succeeded.
   */
  public double cpuMicrosPerKey() {
    long keys = counts.keys();
    return cpuNanos < 0 || keys == 0 ? Double.NaN : cpuNanos / 1000.0 / keys;
  }

  /** The longest latency in microseconds; NaN without samples. */
  public double maxLatencyMicros() {
    return latency.getTotalCount() == 0 ? Double.NaN : latency.getMaxValue() / 1000.0;
  }
}
