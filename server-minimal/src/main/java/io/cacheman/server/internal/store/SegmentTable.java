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
  /** Items in use passed over from a queue's tail before eviction tries the next segment. */
  private static final int BUSY_SKIP = 16;
  /** Items looked at from each queue's tail for one of a given size class. */
  private static final int CLASS_SCAN = 8;

  private final Segment[] segments = new Segment[SEGMENTS];
  private final BucketChunks bucketMemory = new BucketChunks();
  private final SlabPages mem;
  private final SlabAllocator slabs;
  private final Timeline timeline;
  private final MemoryBudget budget;
  private final ServerStats stats;
  private final boolean evictionEnabled;

  SegmentTable(long limitBytes, Eviction eviction, SlabPages mem, SlabAllocator slabs,
      Timeline timeline, ServerStats stats) {
    for (int i = 0; i < SEGMENTS; i++) {
      segments[i] = new Segment(mem, bucketMemory, 16, eviction == Eviction.LFU);
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
   * Takes a live item out of its segment (whose lock the caller holds) and frees its chunk unless
   * a connection's queued reply or an update still points into it.
   */
  void unlink(Segment seg, int h) {
    seg.remove(h, slabs.cost(h));
    dropReference(h, Items.LINKED);
  }

  /**
   * Clears {@code bit} (the table's link, or one reader) and frees the chunk if nothing is left.
   * A chunk is charged against the limit until it is freed, not only while it is linked: one that
   * a slow reader still holds occupies its page all the same, and the budget must know it, or it
   * would promise room the pages do not have.
   */
  void dropReference(int h, int bit) {
    int refs = Items.refs(mem, h) - bit;
    if (refs == 0) {
      budget.release(slabs.cost(h));
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

  /**
   * Evicts the least recent item of size class {@code cls} found within the last {@value
   * #CLASS_SCAN} items of each segment's queue, segments taken round robin from {@code start};
   * false if none. Frees a chunk of the class that needs one without moving a page: an
   * approximation of memcached's per-class LRU, tried before a page changes class.
   */
  boolean evictOneOfClass(int cls, int start) {
    long now = timeline.seconds();
    for (int i = 0; i < SEGMENTS; i++) {
      Segment seg = segments[(start + i) & (SEGMENTS - 1)];
      synchronized (seg) {
        int h = seg.victim();
        for (int k = 0; k < CLASS_SCAN && h != NONE; k++, h = seg.newer(h)) {
          if (!isBusy(h) && slabs.classOf(h) == cls) {
            evictOrReclaim(seg, h, now);
            return true;
          }
        }
      }
    }
    return false;
  }

  private boolean isBusy(int h) {
    return (Items.refs(mem, h) & Items.READERS) != 0;
  }

  boolean isDead(int h, long now) {
    return Items.cas(mem, h) < timeline.flushBoundary() || Items.isExpired(mem, h, now);
  }

  /**
   * Evicts (or reclaims, if dead) one item, trying segments round robin; false if all are empty.
   * Like memcached, it passes over items a command is reading or updating: evicting the old value
   * of an {@code append} or {@code cas} in progress would lose the key.
   */
  boolean evictOne(int start) {
    long now = timeline.seconds();
    for (int i = 0; i < SEGMENTS; i++) {
      Segment seg = segments[(start + i) & (SEGMENTS - 1)];
      synchronized (seg) {
        int h = seg.victim();
        for (int k = 0; k < BUSY_SKIP && h != NONE && isBusy(h); k++) {
          h = seg.newer(h);
        }
        if (h != NONE && !isBusy(h)) {
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
    slabs.countEviction(h);
    unlink(seg, h);
    stats.evictions.increment();
    if (!fetched) {
      stats.evictedUnfetched.increment();
    }
  }

  /**
   * Empties frozen page {@code p} (see {@link SlabAllocator#freezeVictim}): each live item on it
   * moves to a free chunk of its class in another page, or, when there is none, is evicted if
   * eviction is on. Returns false, unfreezing the page, if an item could be neither moved nor
   * evicted, or is in use (a reply or an update points into it since the page was chosen): such
   * an item stays where it is. The page goes to its new class when its last chunk is freed.
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
        if (!slabs.isFrozen(p)) {
          // emptied already (its last item went another way) and handed over: h may now be a
          // chunk of the page's new class
          return true;
        }
        int refs = Items.refs(mem, h);
        if ((refs & Items.LINKED) == 0) {
          continue;
        }
        if ((refs & Items.READERS) != 0) {
          slabs.unfreeze(p);
          return false;
        }
        if (move(seg, h, cls)) {
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

  /**
   * Copies a live item into a free chunk of its class in a page the class already has, in its
   * place; false if there is none. It never takes a page for it: that would only move the shortage.
   */
  private boolean move(Segment seg, int h, int cls) {
    int to = slabs.allocateExisting(cls);
    if (to == NONE) {
      return false;
    }
    budget.charge(slabs.cost(to)); // the old chunk's charge is given back when it is freed
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
        if (seg.growStep(maxBuckets) || seg.nothingToSweep(boundary)) {
          // a growing table has buckets moved instead (so an idle node finishes growing too), and
          // is swept once it has grown
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

  /** Whether any of segments first, first + stride, ... has sweep work: a table growing, or items that can die. */
  boolean hasSweepWork(int first, int stride) {
    long boundary = timeline.flushBoundary();
    for (int i = first; i < SEGMENTS; i += stride) {
      Segment seg = segments[i];
      synchronized (seg) {
        if (seg.growing() || !seg.nothingToSweep(boundary)) {
          return true;
        }
      }
    }
    return false;
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

  /** Direct memory the hash buckets hold. */
  long bucketBytes() {
    return bucketMemory.bytes();
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
