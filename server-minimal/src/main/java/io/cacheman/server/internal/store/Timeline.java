package io.cacheman.server.internal.store;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store's notion of order and time: the clock (whole unix seconds), the cas sequence, and the
 * flush boundary. Every successful mutation takes the next cas unique, exactly as memcached does,
 * so a fresh node numbers its items like a fresh memcached. {@code flush_all} kills every item
 * whose cas unique is below the boundary it sets: immediately, or (with a delay) at the first
 * time {@link #now()} is read once the delay has run out.
 */
final class Timeline {
  private static final long THIRTY_DAYS = 60L * 60 * 24 * 30;

  private final Clock clock;
  private final AtomicLong cas = new AtomicLong();
  private final Object flushLock = new Object();
  private volatile long flushBoundary;
  private volatile long pendingFlushAt;

  Timeline(Clock clock) {
    this.clock = clock;
  }

  /** Current unix second, without side effects. */
  long seconds() {
    return Math.floorDiv(clock.millis(), 1000);
  }

  /** Current unix second; applies a delayed flush whose time has come. */
  long now() {
    long now = seconds();
    long at = pendingFlushAt;
    if (at != 0 && now >= at) {
      synchronized (flushLock) {
        if (pendingFlushAt == at) {
          // Not consuming a cas id here keeps cas numbering identical to memcached's.
          flushBoundary = cas.get() + 1;
          pendingFlushAt = 0;
        }
      }
    }
    return now;
  }

  long nextCas() {
    return cas.incrementAndGet();
  }

  /** Every item whose cas unique is below this was flushed. */
  long flushBoundary() {
    return flushBoundary;
  }

  /**
   * A protocol exptime as a stored expiry: 0 never expires, up to 30 days is relative, beyond
   * that an absolute unix time, and a negative value is already expired (stored as second 1).
   */
  int expiry(long exptime) {
    if (exptime == 0) {
      return 0;
    }
    if (exptime < 0) {
      return 1;
    }
    return (int) (exptime > THIRTY_DAYS ? exptime : seconds() + exptime);
  }

  /** {@code flush_all [delay]}: a delay of 0 or less (or a time already past) flushes now. */
  void flushAll(long delay) {
    synchronized (flushLock) {
      long at = delay > 0 ? Integer.toUnsignedLong(expiry(delay)) : 0;
      if (at > seconds()) {
        pendingFlushAt = at;
      } else {
        pendingFlushAt = 0;
        flushBoundary = cas.incrementAndGet();
      }
    }
  }
}
