package io.cacheman.server.internal.store;

/**
 * One lock stripe of the store: a chained hash table plus a doubly linked recency queue, both
 * threaded through the items' own headers in the slab pages (see {@link Items}), with the buckets
 * outside the heap too ({@link Buckets}), so no per-item memory is on the Java heap. Not
 * thread-safe: {@link ItemStore} calls every method while holding the segment's monitor.
 *
 * <p>The table doubles when it holds as many items as buckets, but not at once: moving every item
 * of a segment holding 50 million items' share took some 100 ms under the segment's lock, and
 * the 64 segments reach the size together, so a node being filled stalled its readers for seconds
 * at each doubling. Instead the old array stays beside the new one while each insert moves {@value
 * #MOVE_PER_INSERT} of its buckets (as memcached moves its buckets in the background); a key
 * whose old bucket has not moved yet is still looked up there. The move ends long before the next
 * doubling is due: a doubling of n buckets is done after n / {@value #MOVE_PER_INSERT} inserts.
 *
 * <p>The queue's head is the most recently inserted (and, under LRU, most recently hit) item; the
 * eviction victim comes from its tail. Under LFU the queue is a GCLOCK ring: a hit only bumps the
 * item's counter, and an item found at the tail with a non-zero counter has it halved and goes back
 * to the head instead of being evicted.
 */
final class Segment {
  static final int NONE = SlabPages.NONE;
  private static final int FETCHED = 0x80;
  private static final int FREQUENCY = 0x7f;
  private static final int LFU_SCAN_LIMIT = 32;
  /** Old buckets moved to the doubled table per insert while it grows. */
  static final int MOVE_PER_INSERT = 16;

  /** Room to read a short value into, for arithmetic under this segment's lock. */
  final byte[] scratch = new byte[32];
  private final SlabPages mem;
  private final BucketChunks memory;
  private final boolean lfu;
  private Buckets buckets;
  /** While the table grows: the buckets before the doubling, those below {@link #moved} emptied. */
  private Buckets old;
  private int moved;
  /** The count at which the table doubles next: its length, or twice that after a refusal. */
  private int growAt;
  private int head = NONE;
  private int tail = NONE;
  private int count;
  /** Items with an expiry: while there are none and no flush is new, sweeps skip this segment. */
  private int expiring;
  private long bytes;
  private int sweepCursor;
  /** The flush boundary when the current sweep pass began, and the one the last pass covered. */
  private long passBoundary;
  private long sweptBoundary;

  Segment(SlabPages mem, BucketChunks memory, int initialBuckets, boolean lfu) {
    this.mem = mem;
    this.memory = memory;
    this.lfu = lfu;
    this.buckets = new Buckets(memory, Integer.highestOneBit(Math.max(2, initialBuckets - 1)) << 1);
    this.growAt = buckets.length();
  }

  int count() {
    return count;
  }

  long bytes() {
    return bytes;
  }

  /** The item with this key, or {@link #NONE}. */
  int find(int hash, byte[] key, int off, int len) {
    Buckets table = tableOf(hash);
    for (int h = table.get(hash & (table.length() - 1)); h != NONE; h = chain(h)) {
      if (Items.hash(mem, h) == hash && Items.keyEquals(mem, h, key, off, len)) {
        return h;
      }
    }
    return NONE;
  }

  /** The item in the table with the same key as chunk {@code h} (itself not in it), or NONE. */
  int findSameKey(int h) {
    int hash = Items.hash(mem, h);
    int keyLen = Items.keyLength(mem, h);
    Buckets table = tableOf(hash);
    for (int x = table.get(hash & (table.length() - 1)); x != NONE; x = chain(x)) {
      if (Items.hash(mem, x) == hash && Items.keyLength(mem, x) == keyLen
          && mem.equals(x, h, Items.HEADER, keyLen)) {
        return x;
      }
    }
    return NONE;
  }

  /** Adds an item whose key is not present, at the head of the queue; it costs {@code cost}. */
  void insert(int h, int cost) {
    if (old != null) {
      move(MOVE_PER_INSERT);
    } else if (count >= growAt) {
      grow();
    }
    int hash = Items.hash(mem, h);
    Buckets table = tableOf(hash);
    int b = hash & (table.length() - 1);
    setChain(h, table.get(b));
    table.set(b, h);
    linkAtHead(h);
    count++;
    expiring += Items.expiry(mem, h) != 0 ? 1 : 0;
    bytes += cost;
  }

  /**
   * Puts {@code h} where {@code old} (same key) was in the table. With {@code keepPosition} it
   * also takes old's place in the queue and its meta byte (a move); otherwise it goes to the head
   * with a fresh fetched bit (a new version). The caller accounts for {@code old}.
   */
  void replace(int old, int h, boolean keepPosition, long costDelta) {
    expiring += (Items.expiry(mem, h) != 0 ? 1 : 0) - (Items.expiry(mem, old) != 0 ? 1 : 0);
    setChain(h, chain(old));
    relinkChain(old, h);
    if (keepPosition) {
      mem.putByte(h, Items.META, mem.getByte(old, Items.META));
      int p = prev(old);
      int n = next(old);
      setPrev(h, p);
      setNext(h, n);
      if (p != NONE) {
        setNext(p, h);
      } else {
        head = h;
      }
      if (n != NONE) {
        setPrev(n, h);
      } else {
        tail = h;
      }
    } else {
      mem.putByte(h, Items.META, (byte) (mem.getByte(old, Items.META) & FREQUENCY));
      unlink(old);
      linkAtHead(h);
    }
    bytes += costDelta;
  }

  /** Takes the item out of the table and the queue; it cost {@code cost}. */
  void remove(int h, int cost) {
    int hash = Items.hash(mem, h);
    Buckets table = tableOf(hash);
    int b = hash & (table.length() - 1);
    if (table.get(b) == h) {
      table.set(b, chain(h));
    } else {
      relinkChain(h, chain(h));
    }
    unlink(h);
    count--;
    expiring -= Items.expiry(mem, h) != 0 ? 1 : 0;
    bytes -= cost;
  }

  /** Gives a linked item a new expiry (0 = never). */
  void setExpiry(int h, int expiry) {
    expiring += (expiry != 0 ? 1 : 0) - (Items.expiry(mem, h) != 0 ? 1 : 0);
    Items.setExpiry(mem, h, expiry);
  }

  /**
   * True when a sweep would find nothing: no item here can expire, and a full pass has run since
   * the last flush (whose boundary is {@code flushBoundary}).
   */
  boolean nothingToSweep(long flushBoundary) {
    return expiring == 0 && sweptBoundary == flushBoundary;
  }

  /** Records that the sweep cursor is at bucket 0 (a pass begins) or came back to it (it ended). */
  void sweepWrapped(boolean passEnded, long flushBoundary) {
    if (passEnded) {
      sweptBoundary = passBoundary;
    }
    passBoundary = flushBoundary;
  }

  /** Adjusts the byte count for an item whose chunk was replaced outside this class. */
  void addBytes(long delta) {
    bytes += delta;
  }

  /** Records a read hit: marks the item fetched and updates its recency or frequency. */
  void recordHit(int h) {
    int m = mem.getByte(h, Items.META) & 0xff;
    if (lfu) {
      int frequency = m & FREQUENCY;
      mem.putByte(h, Items.META, (byte) (FETCHED | Math.min(FREQUENCY, frequency + 1)));
    } else {
      mem.putByte(h, Items.META, (byte) (m | FETCHED));
      if (head != h) {
        unlink(h);
        linkAtHead(h);
      }
    }
  }

  boolean wasFetched(int h) {
    return (mem.getByte(h, Items.META) & FETCHED) != 0;
  }

  /** Chooses the item to evict next, or {@link #NONE} when the segment is empty. */
  int victim() {
    if (tail == NONE || !lfu) {
      return tail;
    }
    for (int i = 0; i < LFU_SCAN_LIMIT; i++) {
      int h = tail;
      int m = mem.getByte(h, Items.META) & 0xff;
      int frequency = m & FREQUENCY;
      if (frequency == 0) {
        return h;
      }
      mem.putByte(h, Items.META, (byte) ((m & FETCHED) | (frequency >>> 1)));
      unlink(h);
      linkAtHead(h);
    }
    return tail;
  }

  /** The item inserted or hit just after {@code h} (towards the head), or {@link #NONE}. */
  int newer(int h) {
    return prev(h);
  }

  /**
   * While the table grows, moves up to {@code maxBuckets} of its old buckets; true if it is still
   * growing after that (a sweep walks the buckets only once it has grown).
   */
  boolean growStep(int maxBuckets) {
    if (growing()) {
      move(maxBuckets);
    }
    return growing();
  }

  /** True while the table grows: old buckets are left to move. */
  boolean growing() {
    return old != null;
  }

  /** Number of buckets; sweeps walk buckets {@code [0, bucketCount())} once the table has grown. */
  int bucketCount() {
    return buckets.length();
  }

  /** First item of bucket {@code b}, or {@link #NONE}; {@link #chain} walks on. */
  int bucket(int b) {
    return buckets.get(b);
  }

  int chain(int h) {
    return mem.getInt(h, Items.CHAIN);
  }

  /** Where the background sweep continues; advanced by the caller. */
  int sweepCursor() {
    return sweepCursor;
  }

  void sweepCursor(int cursor) {
    this.sweepCursor = cursor;
  }

  /** Walks the table and the queue: {items, cost of items, items in the queue}. */
  long[] scan(SlabAllocator slabs) {
    long n = 0;
    long total = 0;
    for (Buckets table : old == null ? new Buckets[] {buckets} : new Buckets[] {old, buckets}) {
      for (int b = 0; b < table.length(); b++) {
        for (int h = table.get(b); h != NONE && n <= count; h = chain(h)) {
          n++;
          total += slabs.cost(h);
        }
      }
    }
    int queued = 0;
    for (int h = head; h != NONE && queued <= count; h = next(h)) {
      queued++;
    }
    return new long[] {n, total, queued};
  }

  /** Starts a doubling: the current buckets become {@link #old}, to be moved a few at a time. */
  private void grow() {
    Buckets bigger;
    try {
      bigger = new Buckets(memory, buckets.length() * 2);
    } catch (OutOfMemoryError e) {
      // chains grow longer instead; asking again at every insert would cost each one a full GC
      growAt = (int) Math.min(Integer.MAX_VALUE, 2L * growAt);
      memory.refused(buckets.length() * 2, e);
      return;
    }
    old = buckets;
    moved = 0;
    buckets = bigger;
    growAt = bigger.length();
  }

  /** Moves the items of up to {@code maxBuckets} old buckets into the doubled table. */
  private void move(int maxBuckets) {
    int mask = buckets.length() - 1;
    for (int end = Math.min(old.length(), moved + maxBuckets); moved < end; moved++) {
      for (int h = old.get(moved); h != NONE; ) {
        int nextInChain = chain(h);
        int nb = Items.hash(mem, h) & mask;
        setChain(h, buckets.get(nb));
        buckets.set(nb, h);
        h = nextInChain;
      }
      old.set(moved, NONE);
    }
    if (moved == old.length()) {
      old.release(memory);
      old = null;
    }
  }

  /** The array holding the bucket of {@code hash}: the old one until that bucket has moved. */
  private Buckets tableOf(int hash) {
    Buckets o = old;
    return o != null && (hash & (o.length() - 1)) >= moved ? o : buckets;
  }

  /** Points whatever points at {@code from} in its bucket chain at {@code to} instead. */
  private void relinkChain(int from, int to) {
    int hash = Items.hash(mem, from);
    Buckets table = tableOf(hash);
    int b = hash & (table.length() - 1);
    if (table.get(b) == from) {
      table.set(b, to);
      return;
    }
    int h = table.get(b);
    while (chain(h) != from) {
      h = chain(h);
    }
    setChain(h, to);
  }

  private void setChain(int h, int to) {
    mem.putInt(h, Items.CHAIN, to);
  }

  private int prev(int h) {
    return mem.getInt(h, Items.PREV);
  }

  private int next(int h) {
    return mem.getInt(h, Items.NEXT);
  }

  private void setPrev(int h, int to) {
    mem.putInt(h, Items.PREV, to);
  }

  private void setNext(int h, int to) {
    mem.putInt(h, Items.NEXT, to);
  }

  private void linkAtHead(int h) {
    setPrev(h, NONE);
    setNext(h, head);
    if (head != NONE) {
      setPrev(head, h);
    }
    head = h;
    if (tail == NONE) {
      tail = h;
    }
  }

  private void unlink(int h) {
    int p = prev(h);
    int n = next(h);
    if (p != NONE) {
      setNext(p, n);
    } else {
      head = n;
    }
    if (n != NONE) {
      setPrev(n, p);
    } else {
      tail = p;
    }
  }
}
