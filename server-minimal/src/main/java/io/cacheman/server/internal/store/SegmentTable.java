package io.cacheman.server.internal.store;

import io.cacheman.server.Eviction;
import io.cacheman.server.internal.stats.ServerStats;

/**
 * The 64 segments of a store and the work that spans them: choosing a key's segment, unlinking
 * and freeing items, evicting round robin, emptying a slab page for another size class, the
 * background sweep of dead items, and totals. Each method takes one segment lock at a time and
 * never holds one while taking another (the allocator's lock is a leaf).
 */
final class SegmentTable {
  static final int SEGMENTS = 64;
  private static final int SEGMENT_SHIFT = 32 - Integer.numberOfTrailingZeros(SEGMENTS);
  private static final int NONE = SlabPages.NONE;

  private final Segment[] segments = new Segment[SEGMENTS];
  private final SlabPages mem;
  private final SlabAllocator slabs;
  private final Timeline timeline;
  private final MemoryBudget budget;
  private final ServerStats stats;
  private final boolean evictionEnabled;

  SegmentTable(long limitBytes, Eviction eviction, SlabPages mem, SlabAllocator slabs,
      Timeline timeline, ServerStats stats) {
    for (int i = 0; i < SEGMENTS; i++) {
      segments[i] = new Segment(mem, 16, eviction == Eviction.LFU);
    }
    this.mem = mem;
    this.slabs = slabs;
    this.timeline = timeline;
    this.stats = stats;
    this.evictionEnabled = eviction != Eviction.NONE;
    this.budget = new MemoryBudget(limitBytes, evictionEnabled, this::evictOne);
  }

  MemoryBudget budget() {
    return budget;
  }

  Segment segmentFor(int hash) {
    return segments[hash >>> SEGMENT_SHIFT];
  }

  /**
   * Takes a live item out of its segment (whose lock the caller holds), gives back its budget
   * and frees its chunk unless a connection's queued reply still points into it.
   */
  void unlink(Segment seg, int h) {
    int cost = slabs.cost(h);
    seg.remove(h, cost);
    budget.release(cost);
    dropReference(h, Items.LINKED);
  }

  /** Clears {@code bit} (the table's link, or one reader) and frees the chunk if nothing is left. */
  void dropReference(int h, int bit) {
    int refs = Items.refs(mem, h) - bit;
    if (refs == 0) {
      slabs.free(h);
    } else {
      Items.setRefs(mem, h, refs);
    }
  }

  /** Removes a dead (expired or flushed) item; the caller holds the segment's lock. */
  void discard(Segment seg, int h, boolean flushed) {
    boolean fetched = seg.wasFetched(h);
    unlink(seg, h);
    stats.reclaimed.increment();
    if (!fetched && !flushed) {
      stats.expiredUnfetched.increment();
    }
  }

  boolean isDead(int h, long now) {
    return Items.cas(mem, h) < timeline.flushBoundary() || Items.isExpired(mem, h, now);
  }

  /** Evicts (or reclaims, if dead) one item, trying segments round robin; false if all empty. */
  boolean evictOne(int start) {
    long now = timeline.seconds();
    for (int i = 0; i < SEGMENTS; i++) {
      Segment seg = segments[(start + i) & (SEGMENTS - 1)];
      synchronized (seg) {
        int h = seg.victim();
        if (h != NONE) {
          evictOrReclaim(seg, h, now);
          return true;
        }
      }
    }
    return false;
  }

  private void evictOrReclaim(Segment seg, int h, long now) {
    boolean flushed = Items.cas(mem, h) < timeline.flushBoundary();
    if (flushed || Items.isExpired(mem, h, now)) {
      discard(seg, h, flushed);
      return;
    }
    boolean fetched = seg.wasFetched(h);
    unlink(seg, h);
    stats.evictions.increment();
    if (!fetched) {
      stats.evictedUnfetched.increment();
    }
  }

  /**
   * Empties frozen page {@code p} (see {@link SlabAllocator#freezeVictim}): each live item on it
   * moves to a free chunk of its class elsewhere, or, when there is none (or a reply still points
   * into it), is evicted if eviction is on. Returns false, unfreezing the page, if an item could
   * be neither moved nor evicted. The page goes back to the pool when its last chunk is freed.
   */
  boolean emptyPage(int p) {
    long now = timeline.seconds();
    int cls = NONE;
    for (int h : slabs.chunksOf(p)) {
      if ((Items.refs(mem, h) & Items.LINKED) == 0) {
        continue; // free, or unlinked and waiting for its last reader: nothing to do
      }
      if (cls == NONE) {
        cls = slabs.classOf(h);
      }
      Segment seg = segmentFor(Items.hash(mem, h));
      synchronized (seg) {
        int refs = Items.refs(mem, h);
        if ((refs & Items.LINKED) == 0) {
          continue;
        }
        if ((refs & Items.READERS) == 0 && move(seg, h, cls)) {
          continue;
        }
        if (!evictionEnabled && !isDead(h, now)) {
          slabs.unfreeze(p);
          return false;
        }
        evictOrReclaim(seg, h, now);
      }
    }
    return true;
  }

  /** Copies a live item into another chunk of its class, in its place; false if none is free. */
  private boolean move(Segment seg, int h, int cls) {
    int to = slabs.allocate(cls);
    if (to == NONE) {
      return false;
    }
    mem.copy(h, 0, to, 0, Items.used(mem, h));
    Items.setRefs(mem, to, Items.LINKED);
    seg.replace(h, to, true, 0);
    dropReference(h, Items.LINKED);
    return true;
  }

  /** Removes dead items from {@code maxBuckets} buckets of segments first, first + stride, .... */
  int sweep(int first, int stride, int maxBuckets, long now) {
    int removed = 0;
    for (int i = first; i < SEGMENTS; i += stride) {
      Segment seg = segments[i];
      synchronized (seg) {
        long boundary = timeline.flushBoundary();
        if (seg.nothingToSweep(boundary)) {
          continue;
        }
        int limit = seg.bucketCount();
        int b = seg.sweepCursor() % limit;
        if (b == 0) {
          seg.sweepWrapped(false, boundary);
        }
        for (int k = Math.min(maxBuckets, limit); k > 0; k--) {
          int h = seg.bucket(b);
          while (h != NONE) {
            int next = seg.chain(h);
            if (isDead(h, now)) {
              discard(seg, h, Items.cas(mem, h) < timeline.flushBoundary());
              removed++;
            }
            h = next;
          }
          b = b + 1 == limit ? 0 : b + 1;
          if (b == 0) {
            seg.sweepWrapped(true, boundary);
          }
        }
        seg.sweepCursor(b);
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

  /** Bytes charged for the items held. */
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
        long[] s = seg.scan(slabs);
        for (int i = 0; i < 3; i++) {
          total[i] += s[i];
        }
      }
    }
    return total;
  }
}
