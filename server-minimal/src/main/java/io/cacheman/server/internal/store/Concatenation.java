package io.cacheman.server.internal.store;

/**
 * {@code append} and {@code prepend}: the combined item is built outside the segment lock (the old
 * item is held by a reader reference meanwhile, so its chunk cannot be freed or moved) and swapped
 * in only if the old item is still the live one with the same cas unique, retrying otherwise, so
 * concurrent updates of one key are each applied exactly once. Like memcached, the combined item
 * keeps the old item's flags and expiry. A non-zero {@code cas} ({@code ms … MA C<cas>}) must be the
 * old item's, or the outcome is {@link StoreOutcome#EXISTS}, as in memcached.
 */
final class Concatenation {
  private static final int NONE = ItemStore.NONE;

  private Concatenation() {}

  /** Applies {@code data} (an allocated, filled item carrying the key and the new bytes). */
  static StoreOutcome apply(ItemStore store, StoreMode mode, int data, long cas, long[] casOut) {
    try {
      for (;;) {
        StoreOutcome outcome = attempt(store, mode == StoreMode.APPEND, data, cas, casOut);
        if (outcome != null) {
          return outcome;
        }
      }
    } finally {
      store.abandon(data);
    }
  }

  /** One try: the outcome, or null when the old item changed meanwhile. */
  private static StoreOutcome attempt(ItemStore store, boolean append, int data, long cas,
      long[] casOut) {
    SlabPages mem = store.mem;
    Segment seg = store.table.segmentFor(Items.hash(mem, data));
    int old;
    long oldCas;
    synchronized (seg) {
      old = store.findLiveSameKey(seg, data, store.now());
      if (old == NONE) {
        return StoreOutcome.NOT_STORED;
      }
      oldCas = Items.cas(mem, old);
      if (cas != 0 && cas != oldCas) {
        return StoreOutcome.EXISTS;
      }
      Items.setRefs(mem, old, Items.refs(mem, old) + 1);
    }
    int joined = NONE;
    try {
      int keyLen = Items.keyLength(mem, data);
      int oldLen = Items.valueLength(mem, old);
      int dataLen = Items.valueLength(mem, data);
      if (store.tooLarge(keyLen, Items.flags(mem, old), (long) oldLen + dataLen)) {
        return StoreOutcome.NOT_STORED;
      }
      joined = allocate(store, keyLen, oldLen + dataLen);
      if (joined == NONE) {
        store.stats().storeNoMemory.increment();
        return StoreOutcome.NOT_STORED;
      }
      int head = Items.HEADER + keyLen;
      mem.copy(data, 0, joined, 0, head);
      mem.putInt(joined, Items.VALUE_LENGTH, oldLen + dataLen);
      if (append) {
        mem.copy(old, head, joined, head, oldLen);
        mem.copy(data, head, joined, head + oldLen, dataLen + 2);
      } else {
        mem.copy(data, head, joined, head, dataLen);
        mem.copy(old, head, joined, head + dataLen, oldLen + 2);
      }
      synchronized (seg) {
        if (store.findLiveSameKey(seg, data, store.now()) != old
            || Items.cas(mem, old) != oldCas) {
          return null;
        }
        mem.putInt(joined, Items.FLAGS, mem.getInt(old, Items.FLAGS));
        Items.setExpiry(mem, joined, Items.expiry(mem, old));
        long unique = store.nextCas();
        Items.setCas(mem, joined, unique);
        Items.setRefs(mem, joined, Items.LINKED);
        Items.accessedAt(mem, joined, store.now());
        if (casOut != null) {
          casOut[0] = unique;
        }
        store.link(seg, old, joined);
        joined = NONE;
      }
      store.stats().totalItems.increment();
      return StoreOutcome.STORED;
    } finally {
      if (joined != NONE) {
        store.abandon(joined);
      }
      store.release(old);
    }
  }

  private static int allocate(ItemStore store, int keyLen, long valueLen) {
    return store.reserveChunk(store.slabs.classFor(Items.size(keyLen, valueLen)));
  }
}
