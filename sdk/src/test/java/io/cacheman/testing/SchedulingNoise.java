package io.cacheman.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures how late this machine wakes a sleeping thread while a scenario runs: a control thread
 * parks for 5 ms at a time and records its worst oversleep. On a shared, loaded machine that
 * lateness is added to every deadline by the operating system, not by the code under test, so
 * latency bounds add it (see {@link #allowance()}) instead of flaking.
 *
 * <pre>{@code
 * try (SchedulingNoise noise = SchedulingNoise.start()) {
 *   ... run the scenario ...
 *   assertTrue(slowest <= opTimeout + margin + noise.allowance().toMillis());
 * }
 * }</pre>
 */
public final class SchedulingNoise implements AutoCloseable {
  private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private final AtomicLong worst = new AtomicLong();
  private final Thread control;
  private volatile boolean stop;

  private SchedulingNoise() {
    control = new Thread(this::run, "scheduling-noise");
    control.setDaemon(true);
    control.start();
  }

  /** Starts measuring. */
  public static SchedulingNoise start() {
    return new SchedulingNoise();
  }

  private void run() {
    while (!stop) {
      long before = System.nanoTime();
      LockSupport.parkNanos(PERIOD_NANOS);
      long late = System.nanoTime() - before - PERIOD_NANOS;
      worst.accumulateAndGet(late, Math::max);
    }
  }

  /** The worst oversleep seen so far. */
  public Duration worstLateness() {
    return Duration.ofNanos(Math.max(0, worst.get()));
  }

  /**
   * What to add to a latency bound: twice the worst lateness, because a timed-out operation needs
   * two wake-ups (the client's I/O thread noticing the deadline, then the caller).
   */
  public Duration allowance() {
    return worstLateness().multipliedBy(2);
  }

  @Override
  public void close() {
    stop = true;
    try {
      control.join(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
