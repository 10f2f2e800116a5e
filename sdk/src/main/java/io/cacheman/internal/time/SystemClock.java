package io.cacheman.internal.time;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The real clock: {@link System#nanoTime()}, the system wall clock, and a scheduler thread of the client's. */
public final class SystemClock implements Clock {
  private final ScheduledExecutorService timer;

  /** A clock whose timer runs on {@code timer} (the client stops it when it closes). */
  public SystemClock(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public long epochSecond() {
    return System.currentTimeMillis() / 1000;
  }

  @Override
  public Cancellable schedule(Runnable task, long delayNanos) {
    ScheduledFuture<?> future = timer.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }
}
