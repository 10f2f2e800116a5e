package io.cacheman.bench.load;

/** Receives one line's worth of figures per second while a run goes on. */
@FunctionalInterface
public interface ProgressListener {
  /** Says nothing. */
  ProgressListener QUIET = p -> { };

  /** Called from the thread driving the run, once per interval. */
  void onInterval(Progress progress);

  /**
   * The figures of one interval.
   *
   * @param measuring false during the warmup
   * @param second seconds since the run started
   * @param opsPerSecond successful operations per second in the interval
   * @param hitRatio share of gets that hit in the interval (NaN without gets)
   * @param p99Micros 99th percentile latency in the interval, in microseconds (NaN without samples)
   * @param errors failed calls in the interval
   */
  record Progress(boolean measuring, long second, double opsPerSecond, double hitRatio, double p99Micros, long errors) {}
}
