package io.cacheman.bench.load;

import java.time.Duration;

/**
 * How hard and how long a run drives the client.
 *
 * @param threads worker threads
 * @param mode {@link Mode#SYNC}: each thread waits for each reply; {@link Mode#ASYNC}: each thread
 *     keeps {@code window} requests in flight
 * @param window requests in flight per thread in async mode (ignored in sync mode)
 * @param warmup time run but not measured
 * @param duration time measured after the warmup
 * @param maxRequests hard cap on requests issued by all threads together (warmup included); 0 for
 *     none. A run ends at the cap or at the end of {@code duration}, whichever comes first.
 * @param seed seeds the threads' random sources: runs with the same seed send the same request
 *     sequence (so clients are compared on equal terms); a run that continues another needs its own
 * @param virtual whether the workers are virtual threads (a Java 21+ runtime), as an application's
 *     request handlers on Spring Boot or Helidon may be
 */
public record LoadSpec(int threads, Mode mode, int window, Duration warmup, Duration duration, long maxRequests,
    long seed, boolean virtual) {

  /** The seed of runs that do not choose one. */
  public static final long DEFAULT_SEED = 0xCAC4E0000L;

  /** Whether each thread blocks on each reply or keeps a window of requests in flight. */
  public enum Mode {
    SYNC,
    ASYNC
  }

  /** Checks the ranges. */
  public LoadSpec {
    int most = virtual ? 100_000 : 4096;
    if (threads < 1 || threads > most) {
      throw new IllegalArgumentException("threads must be 1.." + most + (virtual ? " (virtual)" : "") + ", was " + threads);
    }
    if (window < 1 || window > 65536) {
      throw new IllegalArgumentException("window must be 1..65536, was " + window);
    }
    if (warmup.isNegative()) {
      throw new IllegalArgumentException("warmup must not be negative, was " + warmup);
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration must be positive, was " + duration);
    }
    if (maxRequests < 0) {
      throw new IllegalArgumentException("max requests must not be negative, was " + maxRequests);
    }
  }

  /** A spec with the {@link #DEFAULT_SEED}. */
  public LoadSpec(int threads, Mode mode, int window, Duration warmup, Duration duration, long maxRequests) {
    this(threads, mode, window, warmup, duration, maxRequests, DEFAULT_SEED, false);
  }

  /** The same spec with another seed. */
  public LoadSpec withSeed(long otherSeed) {
    return new LoadSpec(threads, mode, window, warmup, duration, maxRequests, otherSeed, virtual);
  }

  /** The cap each worker gets, so the threads together issue at most {@link #maxRequests}. */
  long perThreadQuota(int worker) {
    if (maxRequests == 0) {
      return Long.MAX_VALUE;
    }
    return maxRequests / threads + (worker < maxRequests % threads ? 1 : 0);
  }

  @Override
  public String toString() {
    return threads + (virtual ? " virtual" : "") + " threads " + mode.name().toLowerCase(java.util.Locale.ROOT)
        + (mode == Mode.ASYNC ? " window " + window : "")
        + ", warmup " + Durations.format(warmup) + ", measure " + Durations.format(duration)
        + (maxRequests > 0 ? ", at most " + maxRequests + " requests" : "");
  }
}
