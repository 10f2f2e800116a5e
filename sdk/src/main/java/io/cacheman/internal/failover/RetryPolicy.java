package io.cacheman.internal.failover;

import io.cacheman.CacheConnectionException;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;

/**
 * When a failed attempt is tried again (resilience4j {@link Retry}, asked only after a failure so
 * that successful calls pay nothing).
 *
 * <ul>
 *   <li>Only a broken or missing connection is retried: never a timeout (the operation's deadline
 *       is spent), an error reply, a garbage reply or an overload rejection.
 *   <li>A request whose bytes were never written may be retried whatever it does. Once written,
 *       only operations that are safe to repeat are: get, gets, get-and-touch, multi-get chunks,
 *       touch, delete, set, replace, flush_all, version and stats. Never incr, decr, append,
 *       prepend, cas or add, which could apply twice or report the wrong outcome.
 *   <li>At most {@code retryAttempts} extra attempts, after a short randomised exponential wait
 *       (from 5 ms), and only while the operation's deadline leaves room; the wait runs on the
 *       client's scheduler, never on a caller's thread.
 * </ul>
 */
public final class RetryPolicy {
  private final Retry retry;

  /** The policy of client {@code client}: at most {@code retryAttempts} extra attempts. */
  public RetryPolicy(String client, int retryAttempts) {
    this.retry = Retry.of(client + "-retry", RetryConfig.custom()
        .maxAttempts(retryAttempts + 1)
        .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(5), 2.0, 0.5))
        .retryOnException(failure -> failure instanceof CacheConnectionException)
        .failAfterMaxAttempts(false)
        .writableStackTraceEnabled(false)
        .build());
  }

  /** True when an attempt that failed this way may be repeated at all. */
  public static boolean mayRepeat(boolean safeToRepeat, boolean written, Throwable failure) {
    return failure instanceof CacheConnectionException && (safeToRepeat || !written);
  }

  /** A fresh per-operation retry state, made on its first failure. */
  public Retry.AsyncContext<Object> newContext() {
    return retry.asyncContext();
  }
}
