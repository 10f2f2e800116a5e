package io.cacheman.server.internal.store;

/**
 * The store's reads: {@code get}, {@code gat}/{@code touch}, and pins that hold an item while an
 * update finds memory for its successor. Everything is taken out under the key's segment lock.
 */
final class ItemReads {
  private static final int NONE = SlabPages.NONE;
  private final ItemStore store;

  ItemReads(ItemStore store) {
    this.store = store;
  }

  /** A {@code get}: copies the live item into {@code read}, counted as a hit; false on a miss. */
  boolean get(byte[] key, int off, int len, ItemRead read) {
    return read(key, off, len, false, 0, read);
  }

  /**
   * {@code gat} (with {@code read}) or {@code touch} (without): like {@link #get}, replacing the
   * expiry, counted as a touch.
   */
  boolean getAndTouch(byte[] key, int off, int len, int expiry, ItemRead read) {
    return read(key, off, len, true, expiry, read);
  }

  private boolean read(byte[] key, int off, int len, boolean touch, int expiry, ItemRead read) {
    int hash = Items.hash(key, off, len);
    Segment seg = store.table.segmentFor(hash);
    long now = store.now();
    synchronized (seg) {
      int h = store.findLive(seg, hash, key, off, len, now, true);
      if (h != NONE) {
        if (touch) {
          seg.setExpiry(h, expiry);
        }
        seg.recordHit(h);
        Items.accessedAt(store.mem, h, now);
        (touch ? store.stats().touchHits : store.stats().getHits).increment();
        if (read != null) {
          takeOut(h, read);
        }
        return true;
      }
    }
    (touch ? store.stats().touchMisses : store.stats().getMisses).increment();
    return false;
  }

  /** Copies the item's fields, and its value or a counted reference to it; under its lock. */
  void takeOut(int h, ItemRead read) {
    read.flags = Items.flags(store.mem, h);
    read.cas = Items.cas(store.mem, h);
    int valueLen = Items.valueLength(store.mem, h);
    read.valueLength = valueLen;
    int at = Items.valueOffset(store.mem, h);
    if (valueLen + 2 <= ItemRead.COPY_LIMIT) {
      store.mem.read(h, at, read.copy, 0, valueLen + 2);
      read.handle = NONE;
      read.page = null;
    } else {
      Items.setRefs(store.mem, h, Items.refs(store.mem, h) + 1);
      read.handle = h;
      read.page = store.mem.page(h);
      read.at = store.mem.base(h) + at;
    }
  }

  /**
   * Holds the live item with this key (a reader reference) so that nothing evicts or moves it
   * until {@link #release}: an update ({@code cas}, {@code append}, {@code replace}…) pins the
   * value it will replace while it finds memory for the new one, which may take another class's
   * page. Returns the item's handle, or {@link #NONE} when there is no live item.
   */
  int pin(byte[] key, int off, int len) {
    int hash = Items.hash(key, off, len);
    Segment seg = store.table.segmentFor(hash);
    synchronized (seg) {
      int h = store.findLive(seg, hash, key, off, len, store.now(), false);
      if (h != NONE) {
        Items.setRefs(store.mem, h, Items.refs(store.mem, h) + 1);
      }
      return h;
    }
  }
}
