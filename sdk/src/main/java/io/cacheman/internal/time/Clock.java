package io.cacheman.internal.time;

/**
 * The client's sense of time: a monotonic clock for deadlines and intervals, the wall clock for
 * absolute expiry times, and a timer for work that must happen later (probes, reconnect backoff,
 * retry waits, drains). Everything in the client that waits or measures reads it, so a test can
 * replace it and move time by hand instead of waiting.
 */
public interface Clock {

  /** Monotonic nanoseconds, comparable only with other readings of this clock (as {@link System#nanoTime()}). */
  long nanoTime();

  /** Seconds since the unix epoch (memcached's absolute exptime). */
  long epochSecond();

  /**
   * Runs {@code task} once, {@code delayNanos} from now, on the client's timer thread.
   *
   * @return a handle that cancels the task if it has not started
   * @throws java.util.concurrent.RejectedExecutionException once the client is closing
   */
  Cancellable schedule(Runnable task, long delayNanos);

  /** A scheduled task that can still be called off. */
  @FunctionalInterface
  interface Cancellable {
    /** Calls the task off; false when it already ran or was cancelled. */
    boolean cancel();
  }
}
