package io.cacheman.server.internal.store;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the bytes of every item held or being received against the memory limit, and evicts to
 * make room. Memory is reserved before an item is filled (as memcached allocates an item before
 * reading its data), so a thousand half-sent values cannot push the node past its limit.
 *
 * <p>{@link #reserve} must be called without holding any segment lock: eviction takes the locks
 * of other segments, one at a time, round robin.
 */
final class MemoryBudget {
  private final long limit;
  private final boolean evictionEnabled;
  private final Evictor evictor;
  private final AtomicLong used = new AtomicLong();
  private final AtomicInteger evictionCursor = new AtomicInteger();

  MemoryBudget(long limit, boolean evictionEnabled, Evictor evictor) {
    this.limit = limit;
    this.evictionEnabled = evictionEnabled;
    this.evictor = evictor;
  }

  /** Reserves {@code cost} bytes, evicting if allowed; false if they cannot be found. */
  boolean reserve(long cost) {
    long total = used.addAndGet(cost);
    while (total > limit) {
      if (!evictionEnabled || !evictor.evictOne(evictionCursor.getAndIncrement())) {
        used.addAndGet(-cost);
        return false;
      }
      total = used.get();
    }
    return true;
  }

  /** Adds {@code cost} without evicting: a chunk that replaces one charged already. */
  void charge(long cost) {
    used.addAndGet(cost);
  }

  void release(long cost) {
    used.addAndGet(-cost);
  }

  long used() {
    return used.get();
  }

  long limit() {
    return limit;
  }

  /** Evicts one item, starting its search at segment {@code start}; false when all are empty. */
  interface Evictor {
    boolean evictOne(int start);
  }
}
