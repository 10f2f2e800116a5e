package io.cacheman.internal.failover;

import io.cacheman.CacheConnectionException;

/**
 * When a failed attempt is tried again.
 *
 * <ul>
 *   <li>Only a broken or missing connection is retried: never a timeout (the operation's deadline
 *       is spent), an error reply, a garbage reply or an overload rejection.
 *   <li>A request whose bytes were never written may be retried whatever it does. Once written,
 *       only operations that are safe to repeat are: get, gets, get-and-touch, multi-get chunks,
 *       touch, delete, set, replace, flush_all, version and stats. Never incr, decr, append,
 *       prepend, cas or add, which could apply twice or report the wrong outcome.
 *   <li>At most {@code retryAttempts} extra attempts, after a short randomised exponential wait
 *       (5 ms, 10 ms, 20 ms … each ±50%), and only while the operation's deadline leaves room; the
 *       wait runs on the client's timer, never on a caller's thread.
 * </ul>
 */
public final class RetryPolicy {
  private static final long FIRST_WAIT_NANOS = 5_000_000;

  private final int retryAttempts;

  /** At most {@code retryAttempts} extra attempts per operation. */
  public RetryPolicy(int retryAttempts) {
    this.retryAttempts = retryAttempts;
  }

  /** True when an attempt that failed this way may be repeated at all. */
  public static boolean mayRepeat(boolean safeToRepeat, boolean written, Throwable failure) {
    return failure instanceof CacheConnectionException && (safeToRepeat || !written);
  }

  /** The wait before the attempt after {@code attempts}, or -1 when they are used up; {@code random} is in [0, 1). */
  public long waitNanos(int attempts, double random) {
    if (attempts > retryAttempts) {
      return -1;
    }
    long step = FIRST_WAIT_NANOS << Math.min(attempts - 1, 20);
    return (long) (step * (0.5 + random));
  }
}
