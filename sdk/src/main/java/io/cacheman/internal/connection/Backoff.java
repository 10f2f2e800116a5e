package io.cacheman.internal.connection;

import java.time.Duration;

/**
 * Reconnect delays: doubling from a minimum up to a maximum, each spread by ±25% of random
 * jitter (and kept within the bounds) so that many connections dropped at once do not come back
 * in lockstep.
 */
final class Backoff {
  private final long minNanos;
  private final long maxNanos;

  Backoff(Duration min, Duration max) {
    this.minNanos = min.toNanos();
    this.maxNanos = max.toNanos();
  }

  /** The wait before reconnect attempt {@code attempt} (0 = the first after a drop); {@code random} is in [0, 1). */
  long delayNanos(int attempt, double random) {
    long step = minNanos;
    for (int i = 0; i < attempt && step < maxNanos; i++) {
      step = step > maxNanos / 2 ? maxNanos : step * 2;
    }
    long jittered = (long) (step * (0.75 + random * 0.5));
    return Math.max(minNanos, Math.min(maxNanos, jittered));
  }
}
