package io.cacheman.server.internal.store;

import java.util.Arrays;

/**
 * One lock stripe of the store: an open hash table whose entries live in parallel primitive
 * arrays indexed by slot, plus a doubly linked recency queue threaded through the same slots. An
 * entry costs one reference and a few ints instead of a node object, a key object and a value
 * object. Not thread-safe: {@link ItemStore} calls every method while holding the segment's
 * monitor.
 *
 * <p>The queue's head is the most recently inserted (and, under LRU, most recently hit) item; the
 * eviction victim comes from its tail. Under LFU the queue is a GCLOCK ring: a hit only bumps the
 * item's counter, and an item found at the tail with a non-zero counter has it halved and goes back
 * to the head instead of being evicted.
 */
final class Segment {
  static final int NONE = -1;
  private static final int FETCHED = 0x80;
  private static final int FREQUENCY = 0x7f;
  private static final int LFU_SCAN_LIMIT = 32;

  private final boolean lfu;
  private byte[][] items;
  private int[] hashes;
  private int[] chain;
  private int[] prev;
  private int[] next;
  private byte[] meta;
  private int[] buckets;
  private int highWater;
  private int freeHead = NONE;
  private int head = NONE;
  private int tail = NONE;
  private int count;
  private long bytes;
  private int sweepCursor;

  Segment(int initialCapacity, boolean lfu) {
    this.lfu = lfu;
    allocate(Integer.highestOneBit(Math.max(2, initialCapacity - 1)) << 1);
  }

  private void allocate(int capacity) {
    items = new byte[capacity][];
    hashes = new int[capacity];
    chain = new int[capacity];
    prev = new int[capacity];
    next = new int[capacity];
    meta = new byte[capacity];
    buckets = new int[capacity];
    Arrays.fill(buckets, NONE);
  }

  int count() {
    return count;
  }

  long bytes() {
    return bytes;
  }

  byte[] item(int slot) {
    return items[slot];
  }

  /** Slot holding the key, or {@link #NONE}. */
  int find(int hash, byte[] key, int off, int len) {
    for (int s = buckets[hash & (buckets.length - 1)]; s != NONE; s = chain[s]) {
      if (hashes[s] == hash && Items.keyEquals(items[s], key, off, len)) {
        return s;
      }
    }
    return NONE;
  }

  /** Adds an item whose key is not present, at the head of the queue. */
  int insert(int hash, byte[] item) {
    int slot = takeFreeSlot();
    items[slot] = item;
    hashes[slot] = hash;
    int b = hash & (buckets.length - 1);
    chain[slot] = buckets[b];
    buckets[b] = slot;
    meta[slot] = 0;
    linkAtHead(slot);
    count++;
    bytes += Items.cost(item);
    return slot;
  }

  /** Puts a new version of the slot's item (same key) in place and moves it to the head. */
  void replace(int slot, byte[] item) {
    bytes += Items.cost(item) - Items.cost(items[slot]);
    items[slot] = item;
    meta[slot] &= FREQUENCY;
    unlink(slot);
    linkAtHead(slot);
  }

  /** Replaces the item without touching its queue position, for in-place style updates. */
  void swap(int slot, byte[] item) {
    bytes += Items.cost(item) - Items.cost(items[slot]);
    items[slot] = item;
  }

  /** Removes the slot's item and returns it. */
  byte[] remove(int slot) {
    byte[] item = items[slot];
    int b = hashes[slot] & (buckets.length - 1);
    if (buckets[b] == slot) {
      buckets[b] = chain[slot];
    } else {
      int s = buckets[b];
      while (chain[s] != slot) {
        s = chain[s];
      }
      chain[s] = chain[slot];
    }
    unlink(slot);
    items[slot] = null;
    chain[slot] = freeHead;
    freeHead = slot;
    count--;
    bytes -= Items.cost(item);
    return item;
  }

  /** Records a read hit: marks the item fetched and updates its recency or frequency. */
  void recordHit(int slot) {
    int m = meta[slot] & 0xff;
    if (lfu) {
      int frequency = m & FREQUENCY;
      meta[slot] = (byte) (FETCHED | Math.min(FREQUENCY, frequency + 1));
    } else {
      meta[slot] = (byte) (m | FETCHED);
      if (head != slot) {
        unlink(slot);
        linkAtHead(slot);
      }
    }
  }

  boolean wasFetched(int slot) {
    return (meta[slot] & FETCHED) != 0;
  }

  /** Chooses the slot to evict next, or {@link #NONE} when the segment is empty. */
  int victim() {
    if (tail == NONE || !lfu) {
      return tail;
    }
    for (int i = 0; i < LFU_SCAN_LIMIT; i++) {
      int s = tail;
      int m = meta[s] & 0xff;
      int frequency = m & FREQUENCY;
      if (frequency == 0) {
        return s;
      }
      meta[s] = (byte) ((m & FETCHED) | (frequency >>> 1));
      unlink(s);
      linkAtHead(s);
    }
    return tail;
  }

  /** Number of slots ever used; sweeps walk slots {@code [0, slotLimit())}. */
  int slotLimit() {
    return highWater;
  }

  /** Where the background sweep continues; advanced by the caller. */
  int sweepCursor() {
    return sweepCursor;
  }

  void sweepCursor(int cursor) {
    this.sweepCursor = cursor;
  }

  /** Sums the items by walking the table; for consistency checks, not for the hot path. */
  long[] scan() {
    long n = 0;
    long total = 0;
    for (int s = 0; s < highWater; s++) {
      if (items[s] != null) {
        n++;
        total += Items.cost(items[s]);
      }
    }
    int queued = 0;
    for (int s = head; s != NONE && queued <= count; s = next[s]) {
      queued++;
    }
    return new long[] {n, total, queued};
  }

  private int takeFreeSlot() {
    if (freeHead != NONE) {
      int slot = freeHead;
      freeHead = chain[slot];
      return slot;
    }
    if (highWater == items.length) {
      grow();
    }
    return highWater++;
  }

  private void grow() {
    int capacity = items.length * 2;
    items = Arrays.copyOf(items, capacity);
    hashes = Arrays.copyOf(hashes, capacity);
    chain = Arrays.copyOf(chain, capacity);
    prev = Arrays.copyOf(prev, capacity);
    next = Arrays.copyOf(next, capacity);
    meta = Arrays.copyOf(meta, capacity);
    buckets = new int[capacity];
    Arrays.fill(buckets, NONE);
    for (int s = 0; s < highWater; s++) {
      // grow() only runs when the free list is empty, so every slot below highWater is live.
      int b = hashes[s] & (capacity - 1);
      chain[s] = buckets[b];
      buckets[b] = s;
    }
  }

  private void linkAtHead(int slot) {
    prev[slot] = NONE;
    next[slot] = head;
    if (head != NONE) {
      prev[head] = slot;
    }
    head = slot;
    if (tail == NONE) {
      tail = slot;
    }
  }

  private void unlink(int slot) {
    int p = prev[slot];
    int n = next[slot];
    if (p != NONE) {
      next[p] = n;
    } else {
      head = n;
    }
    if (n != NONE) {
      prev[n] = p;
    } else {
      tail = p;
    }
  }
}
