package io.cacheman.testing;

import io.cacheman.internal.time.Clock;
import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when told ({@link #advance}): the tasks it was asked to schedule run on
 * the advancing thread, in time order, when time reaches them. With {@link #flowing()} it also
 * follows real time, so a client on real sockets keeps its deadlines while a test skips ahead
 * over a failover interval instead of waiting it out.
 */
public final class ManualClock implements Clock {
  private final boolean flowing;
  private final long origin = System.nanoTime();
  private final AtomicLong skipped = new AtomicLong();
  private final PriorityQueue<Task> tasks = new PriorityQueue<>();
  private long sequence;
  private boolean stopped;

  private record Task(long due, long sequence, Runnable work) implements Comparable<Task> {
    @Override
    public int compareTo(Task o) {
      int byTime = Long.compare(due, o.due);
      return byTime != 0 ? byTime : Long.compare(sequence, o.sequence);
    }
  }

  private ManualClock(boolean flowing) {
    this.flowing = flowing;
  }

  /** Time stands still until {@link #advance}. */
  public static ManualClock stopped() {
    return new ManualClock(false);
  }

  /** Real time, plus whatever {@link #advance} skipped; due tasks also run on a helper thread. */
  public static ManualClock flowing() {
    ManualClock clock = new ManualClock(true);
    Thread runner = new Thread(clock::runDue, "manual-clock");
    runner.setDaemon(true);
    runner.start();
    return clock;
  }

  @Override
  public long nanoTime() {
    return (flowing ? System.nanoTime() - origin : 0) + skipped.get();
  }

  @Override
  public long epochSecond() {
    return 1_700_000_000L + nanoTime() / 1_000_000_000L;
  }

  @Override
  public synchronized Cancellable schedule(Runnable task, long delayNanos) {
    if (stopped) {
      throw new RejectedExecutionException("the clock is stopped");
    }
    Task t = new Task(nanoTime() + delayNanos, sequence++, task);
    tasks.add(t);
    notifyAll();
    return () -> {
      synchronized (this) {
        return tasks.remove(t);
      }
    };
  }

  /** Moves time on by {@code by}, running every task that falls due, in order, on this thread. */
  public void advance(Duration by) {
    skipped.addAndGet(by.toNanos());
    runTasksDue();
  }

  /** Tasks scheduled and not yet run. */
  public synchronized int pending() {
    return tasks.size();
  }

  /** Refuses new tasks from now on and drops the pending ones. */
  public synchronized void stop() {
    stopped = true;
    tasks.clear();
    notifyAll();
  }

  private void runTasksDue() {
    while (true) {
      Task due;
      synchronized (this) {
        due = tasks.peek();
        if (due == null || due.due - nanoTime() > 0) {
          return;
        }
        tasks.poll();
      }
      due.work.run();
    }
  }

  private void runDue() {
    while (true) {
      synchronized (this) {
        if (stopped) {
          return;
        }
        Task next = tasks.peek();
        long wait = next == null ? 50 : Math.max(1, (next.due - nanoTime()) / 1_000_000);
        if (next == null || next.due - nanoTime() > 0) {
          try {
            wait(wait);
          } catch (InterruptedException e) {
            return;
          }
          continue;
        }
      }
      runTasksDue();
    }
  }
}
