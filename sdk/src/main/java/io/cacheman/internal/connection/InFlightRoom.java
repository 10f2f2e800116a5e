package io.cacheman.internal.connection;

import io.cacheman.internal.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Where blocking callers wait while every connection of their node holds
 * {@code cacheman.max-in-flight} requests. A burst of more blocking callers than the limit (an
 * application on 10,000 virtual threads, say) is served in turn within each call's deadline, where
 * failing at once would throw most calls away. Async callers still fail at once: they hold no
 * thread that could wait. A {@link java.util.concurrent.locks.Lock}, not a monitor, so a waiting
 * virtual thread leaves its carrier.
 *
 * <p>Cheap on the reply path: a freed slot costs one volatile read while nobody waits.
 */
final class InFlightRoom {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition freed = lock.newCondition();
  private final AtomicInteger waiting = new AtomicInteger();

  /** Any thread, after {@code slots} requests left a connection: wakes as many waiters. */
  void freed(int slots) {
    if (waiting.get() == 0) {
      return;
    }
    lock.lock();
    try {
      for (int i = 0; i < slots; i++) {
        freed.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until {@code hasRoom} holds or {@code deadline} passes; true if there is room. An interrupt
   * ends the wait (false), the interrupt left set.
   */
  boolean await(BooleanSupplier hasRoom, long deadline, Clock clock) {
    // Counted before the check: a slot freed after the check sees the count and signals.
    waiting.incrementAndGet();
    lock.lock();
    try {
      while (!hasRoom.getAsBoolean()) {
        long left = deadline - clock.nanoTime();
        if (left <= 0) {
          return false;
        }
        freed.await(left, TimeUnit.NANOSECONDS);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
      waiting.decrementAndGet();
    }
  }
}
