package io.cacheman.server.internal.store;

import io.cacheman.server.Eviction;
import io.cacheman.server.internal.stats.ServerStats;
import java.time.Clock;

/**
 * The concurrent item store. Items live off the Java heap in slab pages ({@link SlabPages},
 * {@link SlabAllocator}) and are named by {@code int} handles; keys are spread over 64 {@link
 * Segment}s by hash, each guarded by its own monitor, so there is no global lock; a {@link
 * MemoryBudget} shared by all segments holds the bytes charged against the limit and evicts across
 * segments.
 *
 * <p>Keys are passed as a slice of a caller's buffer ({@code key[off, off + len)}) so a command
 * parsed out of a read buffer needs no key object. A value being received goes straight into its
 * chunk ({@link #allocate}, {@link #fill}, then {@link #store} or {@link #abandon}); a read copies
 * what it needs into an {@link ItemRead} under the segment lock, or, for a large value, holds a
 * reference that keeps the chunk alive until {@link #release}.
 *
 * <p>Expiry follows memcached: an item is dead once its expiry second has come, and every item
 * whose cas unique is below the flush boundary is dead since the last {@code flush_all}. Dead items
 * are removed when touched, by the periodic {@link #sweep}, or when they reach the eviction end.
 */
public final class ItemStore {
  /** The handle of no item. */
  public static final int NONE = SlabPages.NONE;
  /**
   * How often an event loop runs a slice of the {@link #sweep}. The slices are small because the
   * loop's connections wait while one runs: a second's share at once held a loop's gets for
   * 25-50 ms, once a second, while a large node filled.
   */
  public static final int SWEEP_INTERVAL_MILLIS = 10;
  /** Buckets of each segment one slice examines (or moves, in a growing table): 4,096 a second. */
  public static final int SWEEP_BUCKETS_PER_SLICE = 40;

  final SlabPages mem;
  final SlabAllocator slabs;
  final SegmentTable table;
  private final MemoryBudget budget;
  private final ChunkReserver reserver;
  private final ItemReads reads;
  private final MetaStore meta;
  private final int maxItemSize;
  private final Timeline timeline;
  private final ServerStats stats;

  public ItemStore(long limitBytes, int maxItemSize, Eviction eviction, Clock clock,
      ServerStats stats) {
    this.timeline = new Timeline(clock);
    this.stats = stats;
    this.mem = new SlabPages(limitBytes, largestChunk(maxItemSize));
    this.slabs = new SlabAllocator(mem);
    this.table = new SegmentTable(limitBytes, eviction, mem, slabs, timeline, stats);
    this.budget = table.budget();
    this.reserver = new ChunkReserver(slabs, table, eviction != Eviction.NONE);
    this.reads = new ItemReads(this);
    this.meta = new MetaStore(this);
    this.maxItemSize = maxItemSize;
  }

  /**
   * The most memory the slab pages of a store with these limits can take: the limit rounded up
   * to whole pages (pages are 1 MiB, smaller under a 16 MiB limit, larger to hold the largest
   * item).
   */
  public static long slabBytes(long limitBytes, int maxItemSize) {
    int pageSize = SlabPages.pageSizeFor(limitBytes, largestChunk(maxItemSize));
    return (long) SlabPages.pagesFor(limitBytes, pageSize) * pageSize;
  }

  /**
   * An accepted item's memcached size is at most {@code -I}, and its chunk is 11 bytes smaller
   * (a 46-byte header against memcached's 56 plus the key's NUL), so {@code -I} bounds the chunk.
   */
  private static int largestChunk(int maxItemSize) {
    return maxItemSize;
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

  /** The meta commands' operations on this store. */
  public MetaStore meta() {
    return meta;
  }

  ItemReads reads() {
    return reads;
  }

  /**
   * Marks an allocated, not yet stored item as having a base64-decoded key ({@code ms … b}), so
   * a {@code k} flag echoes its key encoded.
   */
  public void markKeyBinary(int h) {
    Items.setAccess(mem, h, Items.access(mem, h) | Items.KEY_BINARY);
  }

  /** A {@code get}: copies the live item into {@code read}, counted as a hit; false on a miss. */
  public boolean get(byte[] key, int off, int len, ItemRead read) {
    return reads.get(key, off, len, read);
  }

  /** {@code gat}: like {@link #get}, replacing the expiry, counted as a touch. */
  public boolean getAndTouch(byte[] key, int off, int len, int expiry, ItemRead read) {
    return reads.getAndTouch(key, off, len, expiry, read);
  }

  /** {@code touch}: replaces the live item's expiry; false when there is no such item. */
  public boolean touch(byte[] key, int off, int len, int expiry) {
    return reads.getAndTouch(key, off, len, expiry, null);
  }

  /** See {@link ItemReads#pin}: holds the key's live item until {@link #release}; its handle or NONE. */
  public int pin(byte[] key, int off, int len) {
    return reads.pin(key, off, len);
  }

  /** Gives back a reference a read or a pin took (see {@link ItemRead}). */
  public void release(int h) {
    Segment seg = table.segmentFor(Items.hash(mem, h));
    synchronized (seg) {
      table.dropReference(h, 1);
    }
  }

  /**
   * Reserves memory for a new item and returns its chunk with header and key filled in and room
   * for the value plus {@code \r\n}; {@link #NONE} when the memory cannot be found. The caller
   * fills the value ({@link #fill}) and then passes it to {@link #store} or {@link #abandon}.
   */
  public int allocate(byte[] key, int off, int len, long flags, int expiry, int valueLen) {
    int h = reserveChunk(slabs.classFor(Items.size(len, valueLen)));
    if (h == NONE) {
      stats.storeNoMemory.increment();
      return NONE;
    }
    Items.init(mem, h, Items.hash(key, off, len), key, off, len, (int) flags, expiry, valueLen);
    return h;
  }

  /** See {@link ChunkReserver#reserve}; the chunk is linked by {@link #link} or given back by {@link #abandon}. */
  int reserveChunk(int cls) {
    return reserver.reserve(cls);
  }

  /** Bytes of value plus {@code \r\n} an allocated item takes. */
  public int blockLength(int h) {
    return Items.valueLength(mem, h) + 2;
  }

  /** Copies data-block bytes into an allocated item, {@code at} bytes from its value's start. */
  public void fill(int h, int at, byte[] src, int off, int len) {
    mem.write(h, Items.valueOffset(mem, h) + at, src, off, len);
  }

  /** True when a filled item's block ends with {@code \r\n}, as a data block must. */
  public boolean endsWithCrlf(int h) {
    return Items.endsWithCrlf(mem, h);
  }

  /** Gives back the memory of an allocated item that will not be stored. */
  public void abandon(int h) {
    budget.release(slabs.cost(h));
    slabs.free(h);
  }

  /** Stores an allocated, filled item; the reservation is used or given back either way. */
  public StoreOutcome store(StoreMode mode, int h, long casUnique) {
    return store(mode, h, casUnique, false, null);
  }

  /**
   * {@link #store(StoreMode, int, long)} as memcached 1.6's {@code do_store_item} does it for
   * {@code ms}: see {@link Storing}. The new item's cas unique goes to {@code casOut[0]} when
   * stored.
   */
  public StoreOutcome store(StoreMode mode, int h, long cas, boolean invalidate, long[] casOut) {
    if (mode == StoreMode.APPEND || mode == StoreMode.PREPEND) {
      return Concatenation.apply(this, mode, h, cas, casOut);
    }
    return Storing.apply(this, mode, h, cas, invalidate, casOut);
  }

  /** Puts linked item {@code h} in the place of {@code old} (same key); under the lock. */
  void link(Segment seg, int old, int h) {
    seg.replace(old, h, false, slabs.cost(h) - slabs.cost(old));
    table.dropReference(old, Items.LINKED);
  }

  MemoryBudget budget() {
    return budget;
  }

  ServerStats stats() {
    return stats;
  }

  long nextCas() {
    return timeline.nextCas();
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
    Segment seg = table.segmentFor(hash);
    long now = now();
    synchronized (seg) {
      int h = findLive(seg, hash, key, off, len, now, false);
      if (h == NONE) {
        return false;
      }
      table.unlink(seg, h);
      return true;
    }
  }

  /** {@code incr}/{@code decr}; on {@link StoreOutcome#OK} the new value is in {@code out[0]}. */
  public StoreOutcome arithmetic(byte[] key, int off, int len, boolean incr, long delta,
      long[] out) {
    int hash = Items.hash(key, off, len);
    return Arithmetic.apply(this, table.segmentFor(hash), hash, key, off, len, incr, delta, 0,
        null, null, out);
  }

  /**
   * {@code flush_all [delay]}: with no delay (or one of 0 or less) every current item dies now;
   * otherwise every item stored before the delay runs out dies then.
   */
  public void flushAll(long delay) {
    timeline.flushAll(delay);
  }

  long now() {
    return timeline.now();
  }

  /** The live item, or NONE; an expired or flushed item found on the way is removed. */
  int findLive(Segment seg, int hash, byte[] key, int off, int len, long now,
      boolean countGet) {
    return live(seg, seg.find(hash, key, off, len), now, countGet);
  }

  /** The live item with the same key as chunk {@code h} (which is not in the table), or NONE. */
  int findLiveSameKey(Segment seg, int h, long now) {
    return live(seg, seg.findSameKey(h), now, false);
  }

  private int live(Segment seg, int h, long now, boolean countGet) {
    if (h == NONE || !table.isDead(h, now)) {
      return h;
    }
    boolean flushed = Items.cas(mem, h) < timeline.flushBoundary();
    if (countGet) {
      (flushed ? stats.getFlushed : stats.getExpired).increment();
    }
    table.discard(seg, h, flushed);
    return NONE;
  }

  /** Number of items held, expired ones included until they are removed. */
  public long itemCount() {
    return table.itemCount();
  }

  /** Direct memory the hash buckets take (memcached's {@code hash_bytes}). */
  public long hashBytes() {
    return table.bucketBytes();
  }

  /** Bytes charged for the items held (chunks and bucket shares). */
  public long bytes() {
    return table.bytes();
  }

  /**
   * Background expiry: examines up to {@code maxBuckets} hash buckets in each of the segments
   * {@code first, first + stride, ...} and removes dead items. Returns how many it removed.
   */
  public int sweep(int first, int stride, int maxBuckets) {
    return table.sweep(first, stride, maxBuckets, now());
  }

  /**
   * Whether the {@link #sweep} of segments {@code first, first + stride, ...} has anything to do: a
   * table still growing, items that can expire, or a flush not yet swept. While it has not, a loop
   * need not wake for it.
   */
  public boolean hasSweepWork(int first, int stride) {
    return table.hasSweepWork(first, stride);
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

  /** Per size class with pages: see {@code SlabAllocator.classRows}. */
  public long[][] slabClasses() {
    return slabs.classRows();
  }

  /** Slab pages taken from the system so far, and their size in bytes: {pages, page size}. */
  public long[] slabPages() {
    return new long[] {slabs.pageCounts()[0], mem.pageSize};
  }
}
