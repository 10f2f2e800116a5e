package io.cacheman.server.internal.store;

import io.cacheman.server.Eviction;
import io.cacheman.server.internal.stats.ServerStats;

/**
 * The 64 segments of a store and the work that spans them: choosing a key's segment, evicting
 * round robin, the background sweep of dead items, and totals. Each method takes one segment lock
 * at a time and never holds one while taking another.
 */
final class SegmentTable {
  static final int SEGMENTS = 64;
  private static final int SEGMENT_SHIFT = 32 - Integer.numberOfTrailingZeros(SEGMENTS);

  private final Segment[] segments = new Segment[SEGMENTS];
  private final Timeline timeline;
  private final MemoryBudget budget;
  private final ServerStats stats;

  SegmentTable(long limitBytes, Eviction eviction, Timeline timeline, ServerStats stats) {
    for (int i = 0; i < SEGMENTS; i++) {
      segments[i] = new Segment(16, eviction == Eviction.LFU);
    }
    this.timeline = timeline;
    this.stats = stats;
    this.budget = new MemoryBudget(limitBytes, eviction != Eviction.NONE, this::evictOne);
  }

  MemoryBudget budget() {
    return budget;
  }

  Segment segmentFor(int hash) {
    return segments[hash >>> SEGMENT_SHIFT];
  }

  /** Removes a dead (expired or flushed) item; the caller holds the segment's lock. */
  void discard(Segment seg, int slot, boolean flushed) {
    boolean fetched = seg.wasFetched(slot);
    budget.release(Items.cost(seg.remove(slot)));
    stats.reclaimed.increment();
    if (!fetched && !flushed) {
      stats.expiredUnfetched.increment();
    }
  }

  /** Evicts (or reclaims, if dead) one item, trying segments round robin; false if all empty. */
  boolean evictOne(int start) {
    long now = timeline.seconds();
    for (int i = 0; i < SEGMENTS; i++) {
      Segment seg = segments[(start + i) & (SEGMENTS - 1)];
      synchronized (seg) {
        int slot = seg.victim();
        if (slot == Segment.NONE) {
          continue;
        }
        byte[] item = seg.item(slot);
        boolean flushed = timeline.isFlushed(item);
        if (flushed || Items.isExpired(item, now)) {
          discard(seg, slot, flushed);
        } else {
          boolean fetched = seg.wasFetched(slot);
          budget.release(Items.cost(seg.remove(slot)));
          stats.evictions.increment();
          if (!fetched) {
            stats.evictedUnfetched.increment();
          }
        }
        return true;
      }
    }
    return false;
  }

  /** Removes dead items from {@code maxSlots} slots of segments first, first + stride, .... */
  int sweep(int first, int stride, int maxSlots, long now) {
    int removed = 0;
    for (int i = first; i < SEGMENTS; i += stride) {
      Segment seg = segments[i];
      synchronized (seg) {
        int limit = seg.slotLimit();
        int s = limit == 0 ? 0 : seg.sweepCursor() % limit;
        for (int k = Math.min(maxSlots, limit); k > 0; k--) {
          byte[] item = seg.item(s);
          if (item != null) {
            boolean flushed = timeline.isFlushed(item);
            if (flushed || Items.isExpired(item, now)) {
              discard(seg, s, flushed);
              removed++;
            }
          }
          s = s + 1 == limit ? 0 : s + 1;
        }
        seg.sweepCursor(s);
      }
    }
    return removed;
  }

  /** Number of items held, expired ones included until they are removed. */
  long itemCount() {
    long n = 0;
    for (Segment seg : segments) {
      synchronized (seg) {
        n += seg.count();
      }
    }
    return n;
  }

  /** Bytes held by items (arrays and index overhead). */
  long bytes() {
    long n = 0;
    for (Segment seg : segments) {
      synchronized (seg) {
        n += seg.bytes();
      }
    }
    return n;
  }

  /** Recounts by walking the tables: {items, bytes, items in recency queues}. */
  long[] scan() {
    long[] total = new long[3];
    for (Segment seg : segments) {
      synchronized (seg) {
        long[] s = seg.scan();
        for (int i = 0; i < 3; i++) {
          total[i] += s[i];
        }
      }
    }
    return total;
  }
}
