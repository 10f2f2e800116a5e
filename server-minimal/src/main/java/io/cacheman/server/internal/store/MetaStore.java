package io.cacheman.server.internal.store;

/**
 * The store's side of memcached 1.6's meta commands ({@code mg}, {@code md}, {@code ma}; {@code
 * ms} goes through {@link ItemStore#store(StoreMode, int, long, boolean, long[])}): each finds
 * the key's live item under its segment lock and lets a {@link MetaVisitor} read and change its
 * meta state there, so a win token ({@code W}) is handed to exactly one client, as memcached's
 * item lock guarantees.
 *
 * <p>An item a command creates on a miss ({@code N} flag) is allocated with the lock let go (an
 * allocation may evict, which takes other segments' locks) and linked only if the key is still
 * missing when the lock is taken again; otherwise the command starts over on what is there.
 */
public final class MetaStore {
  /** {@link #get}: no live item, none created. */
  public static final int MISS = 0;
  /** {@link #get}: an item was found or created and visited. */
  public static final int HIT = 1;
  /** {@link #get}: the visitor stopped the command. */
  public static final int STOPPED = 2;
  private static final int NONE = ItemStore.NONE;
  private static final byte[] CRLF = {'\r', '\n'};

  private final ItemStore store;
  private final SlabPages mem;

  MetaStore(ItemStore store) {
    this.store = store;
    this.mem = store.mem;
  }

  /**
   * {@code mg}: visits the live item (or, with {@code vivify}, a new empty one that never
   * expires until the visitor sets its expiry), then, unless the visitor stopped, records the hit
   * when {@code bump} and copies the value into {@code read} when it is not null. Returns {@link
   * #MISS}, {@link #HIT} or {@link #STOPPED}.
   */
  public int get(byte[] key, int off, int len, boolean vivify, boolean keyBinary, boolean bump,
      MetaItem view, MetaVisitor visitor, ItemRead read) {
    int hash = Items.hash(key, off, len);
    Segment seg = store.table.segmentFor(hash);
    int spare = NONE;
    try {
      for (;;) {
        synchronized (seg) {
          long now = store.now();
          int h = store.findLive(seg, hash, key, off, len, now, true);
          boolean created = h == NONE && spare != NONE;
          if (created) {
            h = spare;
            spare = NONE;
            link(seg, h, now);
          }
          if (h != NONE) {
            view.bind(mem, seg, h, now, created);
            if (!visitor.visit(view)) {
              return STOPPED;
            }
            if (bump) {
              seg.recordHit(h);
              Items.accessedAt(mem, h, now);
            }
            if (read != null) {
              store.reads().takeOut(h, read);
            }
            return HIT;
          }
          if (!vivify) {
            return MISS;
          }
        }
        spare = allocate(key, off, len, keyBinary, CRLF, 0);
        if (spare == NONE) {
          return MISS; // as memcached when it cannot allocate the new item
        }
      }
    } finally {
      if (spare != NONE) {
        store.abandon(spare);
      }
    }
  }

  /**
   * {@code md}: with {@code hasCas} the item's cas must be {@code cas} ({@link
   * StoreOutcome#EXISTS}); {@code invalidate} marks it stale instead of removing it, takes back
   * its win token, gives it a new cas and, with {@code newTtl}, the expiry {@code expiry}. Returns
   * {@link StoreOutcome#OK}, {@link StoreOutcome#NOT_FOUND} or {@link StoreOutcome#EXISTS}.
   */
  public StoreOutcome delete(byte[] key, int off, int len, boolean hasCas, long cas,
      boolean invalidate, boolean newTtl, int expiry) {
    int hash = Items.hash(key, off, len);
    Segment seg = store.table.segmentFor(hash);
    synchronized (seg) {
      int h = store.findLive(seg, hash, key, off, len, store.now(), false);
      if (h == NONE || (hasCas && Items.cas(mem, h) != cas)) {
        store.stats().deleteMisses.increment();
        return h == NONE ? StoreOutcome.NOT_FOUND : StoreOutcome.EXISTS;
      }
      if (invalidate) {
        if (newTtl) {
          seg.setExpiry(h, expiry);
        }
        Items.setAccess(mem, h, (Items.access(mem, h) | Items.STALE) & ~Items.WIN_SENT);
        Items.setCas(mem, h, store.nextCas());
      } else {
        store.table.unlink(seg, h);
        store.stats().deleteHits.increment();
      }
      return StoreOutcome.OK;
    }
  }

  /**
   * {@code ma}: applies the delta as {@code incr}/{@code decr} do, a non-zero {@code cas} having
   * to match, and lets the visitor see the result. On a miss with {@code vivify}, creates the
   * item with the value {@code initial} and no expiry instead (no delta applied) and returns
   * {@link StoreOutcome#STORED}. The new value is in {@code out[0]}.
   */
  public StoreOutcome arithmetic(byte[] key, int off, int len, boolean incr, long delta, long cas,
      boolean vivify, long initial, boolean keyBinary, MetaItem view, MetaVisitor visitor,
      long[] out) {
    int hash = Items.hash(key, off, len);
    Segment seg = store.table.segmentFor(hash);
    byte[] digits = null;
    for (;;) {
      StoreOutcome outcome = Arithmetic.apply(store, seg, hash, key, off, len, incr, delta, cas,
          view, visitor, out);
      if (outcome != StoreOutcome.NOT_FOUND || !vivify) {
        return outcome;
      }
      if (digits == null) {
        digits = (Long.toUnsignedString(initial) + "\r\n").getBytes(
            java.nio.charset.StandardCharsets.US_ASCII);
      }
      int h = allocate(key, off, len, keyBinary, digits, digits.length - 2);
      if (h == NONE) {
        return StoreOutcome.NO_MEMORY;
      }
      synchronized (seg) {
        long now = store.now();
        if (store.findLive(seg, hash, key, off, len, now, false) == NONE) {
          link(seg, h, now);
          out[0] = initial;
          view.bind(mem, seg, h, now, true);
          visitor.visit(view);
          return StoreOutcome.STORED;
        }
      }
      store.abandon(h); // created meanwhile by another client: apply the delta to it
    }
  }

  /** An unlinked item holding {@code value} (its {@code \r\n} included); NONE without memory. */
  private int allocate(byte[] key, int off, int len, boolean keyBinary, byte[] value,
      int valueLen) {
    int h = store.allocate(key, off, len, 0, 0, valueLen);
    if (h != NONE) {
      store.fill(h, 0, value, 0, valueLen + 2);
      if (keyBinary) {
        Items.setAccess(mem, h, Items.KEY_BINARY);
      }
    }
    return h;
  }

  /** Links a new item for a missing key, as a store does; under the segment's lock. */
  private void link(Segment seg, int h, long now) {
    Items.setCas(mem, h, store.nextCas());
    Items.setRefs(mem, h, Items.LINKED);
    Items.accessedAt(mem, h, now);
    seg.insert(h, store.slabs.cost(h));
    store.stats().totalItems.increment();
  }
}
