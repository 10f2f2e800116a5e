package io.cacheman.reliability.workload;

import java.time.Duration;

/**
 * How much traffic, of what shape; build with {@link #builder()}.
 *
 * @param threads worker threads
 * @param keys distinct keys
 * @param readRatio share of reads, 0..1; the rest are sets
 * @param multiGetRatio share of reads done as one multi-get of up to 10 keys, 0..1
 * @param minValueSize smallest value in bytes
 * @param maxValueSize largest value in bytes
 * @param prefix key prefix
 * @param opsPerSecond total target rate, or 0 for as fast as the client answers
 * @param maxOps upper bound on operations per thread
 * @param maxDuration upper bound on the run
 * @param ttl TTL of every set ({@link Duration#ZERO} = never expires)
 * @param prefill whether each thread first sets every key it owns once, so reads start out as hits
 */
public record WorkloadSettings(int threads, int keys, double readRatio, double multiGetRatio, int minValueSize,
    int maxValueSize, String prefix, int opsPerSecond, long maxOps, Duration maxDuration, Duration ttl,
    boolean prefill) {

  /** 4 threads, 2,000 keys, 80% single-key reads, 32..512-byte values, unpaced, at most 60 s, no TTL, no prefill. */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects settings; starts from the defaults of {@link WorkloadSettings#builder()}. */
  public static final class Builder {
    private int threads = 4;
    private int keys = 2_000;
    private double readRatio = 0.8;
    private double multiGetRatio;
    private int minValueSize = 32;
    private int maxValueSize = 512;
    private String prefix = "w:";
    private int opsPerSecond;
    private long maxOps = Long.MAX_VALUE;
    private Duration maxDuration = Duration.ofSeconds(60);
    private Duration ttl = Duration.ZERO;
    private boolean prefill;

    /** Worker threads. */
    public Builder threads(int n) {
      threads = n;
      return this;
    }

    /** Distinct keys; at least the number of threads. */
    public Builder keys(int n) {
      keys = n;
      return this;
    }

    /** Share of reads, 0..1. */
    public Builder readRatio(double r) {
      readRatio = r;
      return this;
    }

    /** Share of reads done as a multi-get of up to 10 keys, 0..1. */
    public Builder multiGetRatio(double r) {
      multiGetRatio = r;
      return this;
    }

    /** Value sizes in bytes, drawn uniformly from {@code min..max}. */
    public Builder valueSizes(int min, int max) {
      minValueSize = min;
      maxValueSize = max;
      return this;
    }

    /** Key prefix, so that several workloads can share nodes. */
    public Builder prefix(String p) {
      prefix = p;
      return this;
    }

    /** Total target rate over all threads; 0 = as fast as the client answers. */
    public Builder opsPerSecond(int rate) {
      opsPerSecond = rate;
      return this;
    }

    /** Upper bound on operations per thread. */
    public Builder maxOps(long n) {
      maxOps = n;
      return this;
    }

    /** Upper bound on the run. */
    public Builder maxDuration(Duration d) {
      maxDuration = d;
      return this;
    }

    /** TTL of every set; {@link Duration#ZERO} = never expires. */
    public Builder ttl(Duration d) {
      ttl = d;
      return this;
    }

    /** Whether each thread first sets every key it owns once. */
    public Builder prefill(boolean p) {
      prefill = p;
      return this;
    }

    /** The settings; fails on impossible combinations. */
    public WorkloadSettings build() {
      if (threads < 1 || keys < threads || minValueSize < 1 || maxValueSize < minValueSize) {
        throw new IllegalArgumentException("need threads >= 1, keys >= threads and 1 <= min <= max value size");
      }
      return new WorkloadSettings(threads, keys, readRatio, multiGetRatio, minValueSize, maxValueSize, prefix,
          opsPerSecond, maxOps, maxDuration, ttl, prefill);
    }
  }
}
