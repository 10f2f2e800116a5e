package io.cacheman.server.internal.store;

import io.cacheman.server.Eviction;
import io.cacheman.server.internal.stats.ServerStats;
import java.time.Clock;

/**
 * The concurrent item store. Keys are spread over 64 {@link Segment}s by hash, each guarded by its
 * own monitor, so there is no global lock; a {@link MemoryBudget} shared by all segments holds the
 * byte count against the limit and evicts across segments.
 *
 * <p>Keys are passed as a slice of a caller's buffer ({@code key[off, off + len)}) so a command
 * parsed out of a read buffer needs no key object. Items are immutable {@code byte[]}s (see {@link
 * Items}) and may be handed to the network layer without copying.
 *
 * <p>Expiry follows memcached: an item is dead once its expiry second has come, and every item
 * whose cas unique is below the flush boundary is dead since the last {@code flush_all}. Dead items
 * are removed when touched, by the periodic {@link #sweep}, or when they reach the eviction end.
 */
public final class ItemStore {
  private final SegmentTable table;
  private final MemoryBudget budget;
  private final int maxItemSize;
  private final Timeline timeline;
  private final ServerStats stats;

  public ItemStore(long limitBytes, int maxItemSize, Eviction eviction, Clock clock,
      ServerStats stats) {
    this.timeline = new Timeline(clock);
    this.stats = stats;
    this.table = new SegmentTable(limitBytes, eviction, timeline, stats);
    this.budget = table.budget();
    this.maxItemSize = maxItemSize;
  }

  /** Current time in whole unix seconds, from the configured clock. */
  public long nowSeconds() {
    return timeline.seconds();
  }

  /**
   * Converts a protocol exptime into a stored expiry: 0 never expires, up to 30 days is relative,
   * beyond that an absolute unix time, and a negative value is already expired.
   */
  public int expiry(long exptime) {
    return timeline.expiry(exptime);
  }

  /** True when memcached would refuse the item as larger than {@code -I}. */
  public boolean tooLarge(int keyLen, long flags, long valueLen) {
    return Items.memcachedSize(keyLen, (int) flags, valueLen) > maxItemSize;
  }

  /** The live item, counted as a get hit or miss; null on a miss. */
  public byte[] get(byte[] key, int off, int len) {
    int hash = Items.hash(key, off, len);
    Segment seg = segmentFor(hash);
    long now = now();
    synchronized (seg) {
      int slot = findLive(seg, hash, key, off, len, now, true);
      if (slot != Segment.NONE) {
        seg.recordHit(slot);
        stats.getHits.increment();
        return seg.item(slot);
      }
    }
    stats.getMisses.increment();
    return null;
  }

  /** {@code gat}: the live item with its expiry replaced, counted as a touch; null on a miss. */
  public byte[] getAndTouch(byte[] key, int off, int len, int expiry) {
    int hash = Items.hash(key, off, len);
    Segment seg = segmentFor(hash);
    long now = now();
    synchronized (seg) {
      int slot = findLive(seg, hash, key, off, len, now, true);
      if (slot != Segment.NONE) {
        Items.setExpiry(seg.item(slot), expiry);
        seg.recordHit(slot);
        stats.touchHits.increment();
        return seg.item(slot);
      }
    }
    stats.touchMisses.increment();
    return null;
  }

  /** {@code touch}: replaces the live item's expiry; false when there is no such item. */
  public boolean touch(byte[] key, int off, int len, int expiry) {
    return getAndTouch(key, off, len, expiry) != null;
  }

  /**
   * Reserves memory for a new item and returns it with header and key filled in and room for the
   * value plus {@code \r\n}; null when the memory cannot be found. The caller then passes it to
   * {@link #store} or {@link #abandon}.
   */
  public byte[] allocate(byte[] key, int off, int len, long flags, int expiry, int valueLen) {
    long cost = Items.costOfArray(Items.HEADER + len + valueLen + 2);
    if (!budget.reserve(cost)) {
      stats.storeNoMemory.increment();
      return null;
    }
    try {
      return Items.allocate(key, off, len, (int) flags, expiry, valueLen);
    } catch (OutOfMemoryError e) {
      // A heap smaller than the memory limit: refuse this store instead of losing the thread.
      budget.release(cost);
      stats.storeNoMemory.increment();
      return null;
    }
  }

  /** Gives back the memory of an allocated item that will not be stored. */
  public void abandon(byte[] item) {
    budget.release(Items.cost(item));
  }

  /** Stores an allocated, filled item; the reservation is used or given back either way. */
  public StoreOutcome store(StoreMode mode, byte[] item, long casUnique) {
    if (mode == StoreMode.APPEND || mode == StoreMode.PREPEND) {
      return Concatenation.apply(this, mode, item);
    }
    int keyLen = Items.keyLength(item);
    int hash = Items.hash(item, Items.HEADER, keyLen);
    Segment seg = segmentFor(hash);
    long now = now();
    byte[] replaced = null;
    StoreOutcome outcome;
    synchronized (seg) {
      int slot = findLive(seg, hash, item, Items.HEADER, keyLen, now, false);
      outcome = decide(mode, slot == Segment.NONE ? null : seg.item(slot), casUnique);
      if (outcome == StoreOutcome.STORED) {
        Items.setCas(item, timeline.nextCas());
        if (slot == Segment.NONE) {
          seg.insert(hash, item);
        } else {
          replaced = seg.item(slot);
          seg.replace(slot, item);
        }
      }
    }
    if (outcome == StoreOutcome.STORED) {
      stats.totalItems.increment();
      if (replaced != null) {
        budget.release(Items.cost(replaced));
      }
    } else {
      budget.release(Items.cost(item));
    }
    return outcome;
  }

  private StoreOutcome decide(StoreMode mode, byte[] existing, long casUnique) {
    switch (mode) {
      case ADD:
        return existing == null ? StoreOutcome.STORED : StoreOutcome.NOT_STORED;
      case REPLACE:
        return existing == null ? StoreOutcome.NOT_STORED : StoreOutcome.STORED;
      case CAS:
        if (existing == null) {
          stats.casMisses.increment();
          return StoreOutcome.NOT_FOUND;
        }
        if (Items.cas(existing) != casUnique) {
          stats.casBadval.increment();
          return StoreOutcome.EXISTS;
        }
        stats.casHits.increment();
        return StoreOutcome.STORED;
      default:
        return StoreOutcome.STORED;
    }
  }

  /**
   * Replaces {@code old} by {@code updated} (same key) if {@code old} is still the live item;
   * used by read-modify-write commands that build the new item outside the lock.
   */
  boolean compareAndReplace(byte[] old, byte[] updated) {
    int keyLen = Items.keyLength(old);
    int hash = Items.hash(old, Items.HEADER, keyLen);
    Segment seg = segmentFor(hash);
    long now = now();
    synchronized (seg) {
      int slot = findLive(seg, hash, old, Items.HEADER, keyLen, now, false);
      if (slot == Segment.NONE || seg.item(slot) != old) {
        return false;
      }
      Items.setCas(updated, timeline.nextCas());
      seg.replace(slot, updated);
    }
    budget.release(Items.cost(old));
    stats.totalItems.increment();
    return true;
  }

  /** The live item for the key without counting a get, or null. */
  byte[] peek(byte[] key, int off, int len) {
    int hash = Items.hash(key, off, len);
    Segment seg = segmentFor(hash);
    long now = now();
    synchronized (seg) {
      int slot = findLive(seg, hash, key, off, len, now, false);
      return slot == Segment.NONE ? null : seg.item(slot);
    }
  }

  MemoryBudget budget() {
    return budget;
  }

  /** {@code delete}: true when a live item was removed. */
  public boolean delete(byte[] key, int off, int len) {
    if (remove(key, off, len)) {
      stats.deleteHits.increment();
      return true;
    }
    stats.deleteMisses.increment();
    return false;
  }

  /** Removes the key without counting a delete (a refused {@code set} drops the old value). */
  public boolean remove(byte[] key, int off, int len) {
    int hash = Items.hash(key, off, len);
    Segment seg = segmentFor(hash);
    long now = now();
    byte[] removed = null;
    synchronized (seg) {
      int slot = findLive(seg, hash, key, off, len, now, false);
      if (slot != Segment.NONE) {
        removed = seg.remove(slot);
      }
    }
    if (removed != null) {
      budget.release(Items.cost(removed));
    }
    return removed != null;
  }

  /** {@code incr}/{@code decr}; on {@link StoreOutcome#OK} the new value is in {@code out[0]}. */
  public StoreOutcome arithmetic(byte[] key, int off, int len, boolean incr, long delta,
      long[] out) {
    return Arithmetic.apply(this, key, off, len, incr, delta, out);
  }

  /** Runs {@code update} on the key's live slot under its segment lock. */
  <R> R locked(byte[] key, int off, int len, SlotUpdate<R> update) {
    int hash = Items.hash(key, off, len);
    Segment seg = segmentFor(hash);
    long now = now();
    synchronized (seg) {
      int slot = findLive(seg, hash, key, off, len, now, false);
      return update.apply(seg, slot);
    }
  }

  long nextCas() {
    return timeline.nextCas();
  }

  ServerStats stats() {
    return stats;
  }

  /**
   * {@code flush_all [delay]}: with no delay (or one of 0 or less) every current item dies now;
   * otherwise every item stored before the delay runs out dies then.
   */
  public void flushAll(long delay) {
    timeline.flushAll(delay);
  }

  private long now() {
    return timeline.now();
  }

  /** The live item's slot, or NONE; an expired or flushed item found on the way is removed. */
  private int findLive(Segment seg, int hash, byte[] key, int off, int len, long now,
      boolean countGet) {
    int slot = seg.find(hash, key, off, len);
    if (slot == Segment.NONE) {
      return slot;
    }
    byte[] item = seg.item(slot);
    boolean flushed = timeline.isFlushed(item);
    if (!flushed && !Items.isExpired(item, now)) {
      return slot;
    }
    if (countGet) {
      (flushed ? stats.getFlushed : stats.getExpired).increment();
    }
    table.discard(seg, slot, flushed);
    return Segment.NONE;
  }

  /** Number of items held, expired ones included until they are removed. */
  public long itemCount() {
    return table.itemCount();
  }

  /** Bytes held by items (arrays and index overhead). */
  public long bytes() {
    return table.bytes();
  }

  /**
   * Background expiry: examines up to {@code maxSlots} slots in each of the segments {@code
   * first, first + stride, ...} and removes dead items. Returns how many it removed.
   */
  public int sweep(int first, int stride, int maxSlots) {
    return table.sweep(first, stride, maxSlots, now());
  }

  /**
   * Recounts everything by walking the tables: {items, bytes, items in recency queues}. A check
   * for tests and diagnostics; it should always agree with {@link #itemCount} and {@link #bytes}.
   */
  public long[] scan() {
    return table.scan();
  }

  /** Bytes counted against the limit: stored items plus reservations for items being received. */
  public long usedBytes() {
    return budget.used();
  }

  public long limitBytes() {
    return budget.limit();
  }

  private Segment segmentFor(int hash) {
    return table.segmentFor(hash);
  }

  /** An update run on a key's live slot ({@link Segment#NONE} if absent) under the lock. */
  interface SlotUpdate<R> {
    R apply(Segment seg, int slot);
  }
}
