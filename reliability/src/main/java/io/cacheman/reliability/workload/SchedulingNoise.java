package io.cacheman.reliability.workload;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 *   Expect.atMost("slowest", slowest, opTimeout.plusMillis(50).plus(noise.allowance()));
 * }
 * }</pre>
 */
public final class SchedulingNoise implements AutoCloseable {
  private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  /** Oversleeps at least this long are kept with their time, for {@link #stalledBetween}. */
  private static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
  private static final int MAX_STALLS = 100_000;

  /** The control thread should have woken at {@code dueNanos} and woke at {@code wokeNanos}. */
  private record Stall(long dueNanos, long wokeNanos) {}

  private final AtomicLong worst = new AtomicLong();
  private final Queue<Stall> stalls = new ConcurrentLinkedQueue<>();
  private final AtomicInteger stallCount = new AtomicInteger();
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
      long woke = System.nanoTime();
      long late = woke - before - PERIOD_NANOS;
      worst.accumulateAndGet(late, Math::max);
      if (late >= STALL_NANOS) {
        noteStall(before + PERIOD_NANOS, woke);
      }
    }
  }

  /** The worst oversleep seen so far. */
  public Duration worstLateness() {
    return Duration.ofNanos(Math.max(0, worst.get()));
  }

  /** Keeps one oversleep (the first {@value #MAX_STALLS} of a run; later ones only count in the worst). */
  void noteStall(long dueNanos, long wokeNanos) {
    if (stallCount.incrementAndGet() <= MAX_STALLS) {
      stalls.add(new Stall(dueNanos, wokeNanos));
    }
  }

  /**
   * True when, at some moment between {@code fromNanos} and {@code toNanos} ({@link System#nanoTime()}
   * readings), the machine held this JVM's control thread at least {@code atLeast} past its wake-up:
   * evidence that a call failing on time then may have been the machine's doing, not the code's.
   * Oversleeps under 20 ms are not kept.
   */
  public boolean stalledBetween(long fromNanos, long toNanos, Duration atLeast) {
    for (Stall s : stalls) {
      if (s.wokeNanos() - s.dueNanos() >= atLeast.toNanos() && s.dueNanos() - toNanos < 0
          && s.wokeNanos() - fromNanos > 0) {
        return true;
      }
    }
    return false;
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
