package io.cacheman.server.internal.store;

/**
 * {@code incr} and {@code decr} on 64-bit unsigned decimal values, atomic under the key's segment
 * lock. As in memcached, incr wraps around at 2^64, decr stops at 0, and a result with fewer
 * digits than the old value keeps the old length, padded with spaces ({@code 100} decremented
 * reads back as {@code "99 "}). A result with more digits than the old value is a new item in
 * memcached, so it starts unfetched and without meta state (stale mark, win token), as there.
 *
 * <p>For {@code ma}: a non-zero {@code cas} must be the item's ({@link StoreOutcome#EXISTS}
 * otherwise; checked, as in memcached, after the empty-value check and before the digits are
 * parsed), and a {@link MetaVisitor} sees the updated item under its lock.
 */
final class Arithmetic {
  private static final byte[] CRLF = {'\r', '\n'};
  // results of attempt() other than a size class (which is NONE = -1 or above)
  private static final int DONE = -2;
  private static final int DONE_WITH_SPARE = -3;
  private static final int NOT_A_NUMBER = -4;
  private static final int CAS_MISMATCH = -5;

  private Arithmetic() {}

  /**
   * Applies the delta to the item with this key (in segment {@code seg}, hash {@code hash}). The
   * new digits are written in place when the chunk has room and no reply points into it.
   * Otherwise they need a new chunk, which is reserved as a store reserves one ({@link
   * ItemStore#reserveChunk}: evicting under LRU or LFU, or taking another class's page) with the
   * segment's lock let go; the lock is then taken again and the operation starts over on whatever
   * the key holds by then. {@link StoreOutcome#NO_MEMORY} when no chunk can be had, so an {@code
   * incr} never grows the store past its limit.
   */
  static StoreOutcome apply(ItemStore store, Segment seg, int hash, byte[] key, int off, int len,
      boolean incr, long delta, long cas, MetaItem view, MetaVisitor visitor, long[] out) {
    int spare = ItemStore.NONE;
    try {
      for (;;) {
        int step;
        int pinned = ItemStore.NONE;
        synchronized (seg) {
          long now = store.now();
          int h = store.findLive(seg, hash, key, off, len, now, false);
          if (h == ItemStore.NONE) {
            (incr ? store.stats().incrMisses : store.stats().decrMisses).increment();
            return StoreOutcome.NOT_FOUND;
          }
          step = attempt(store, seg, h, incr, delta, cas, spare, now, out);
          if (visitor != null && (step == DONE || step == DONE_WITH_SPARE)) {
            view.bind(store.mem, seg, step == DONE ? h : spare, now, false);
            visitor.visit(view); // its reply is written either way: the delta is applied
          }
          if (step >= 0) {
            // held while a chunk is found without the lock, so that search cannot evict it
            Items.setRefs(store.mem, h, Items.refs(store.mem, h) + 1);
            pinned = h;
          }
        }
        switch (step) {
          case DONE_WITH_SPARE:
            spare = ItemStore.NONE;
            return StoreOutcome.OK;
          case DONE:
            return StoreOutcome.OK;
          case NOT_A_NUMBER:
            return StoreOutcome.NON_NUMERIC;
          case CAS_MISMATCH:
            return StoreOutcome.EXISTS;
          default:
            if (spare != ItemStore.NONE) {
              store.abandon(spare);
            }
            try {
              spare = store.reserveChunk(step); // NONE when no class holds the result
            } finally {
              if (pinned != ItemStore.NONE) {
                store.release(pinned);
              }
            }
            if (spare == ItemStore.NONE) {
              store.stats().storeNoMemory.increment();
              return StoreOutcome.NO_MEMORY;
            }
        }
      }
    } finally {
      if (spare != ItemStore.NONE) {
        store.abandon(spare);
      }
    }
  }

  /**
   * One try on live item {@code h}, under its segment's lock: {@link #DONE} (written in place),
   * {@link #DONE_WITH_SPARE} (written into {@code spare}, now linked in h's place), {@link
   * #NOT_A_NUMBER}, or else the size class the result needs a chunk of ({@link ItemStore#NONE}
   * when none holds it) because it fits neither in place nor in {@code spare}.
   */
  private static int attempt(ItemStore store, Segment seg, int h, boolean incr, long delta,
      long cas, int spare, long now, long[] out) {
    SlabPages mem = store.mem;
    int from = Items.valueOffset(mem, h);
    int oldLen = Items.valueLength(mem, h);
    if (oldLen == 0) {
      return NOT_A_NUMBER;
    }
    if (cas != 0 && Items.cas(mem, h) != cas) {
      return CAS_MISMATCH;
    }
    byte[] text = oldLen <= seg.scratch.length ? seg.scratch : new byte[oldLen];
    mem.read(h, from, text, 0, oldLen);
    if (!CNumbers.parseUnsigned64(text, 0, oldLen, out)) {
      return NOT_A_NUMBER;
    }
    long value = out[0];
    if (incr) {
      value += delta;
    } else {
      value = Long.compareUnsigned(value, delta) < 0 ? 0 : value - delta;
    }
    int digits = unsignedDigits(value);
    int newLen = Math.max(digits, oldLen); // at most text.length: digits <= 20
    SlabAllocator slabs = store.slabs;
    long size = Items.size(Items.keyLength(mem, h), newLen);
    int target = h;
    int done = DONE;
    if ((Items.refs(mem, h) & Items.READERS) != 0
        || size > slabs.chunkSizeOfClass(slabs.classOf(h))) {
      if (spare == ItemStore.NONE || size > slabs.chunkSizeOfClass(slabs.classOf(spare))) {
        return slabs.classFor(size);
      }
      mem.copy(h, 0, spare, 0, from);
      Items.setRefs(mem, spare, Items.LINKED);
      store.link(seg, h, spare); // the spare's cost was reserved; h's is given back
      target = spare;
      done = DONE_WITH_SPARE;
    }
    writeUnsigned(text, 0, digits, value);
    for (int i = digits; i < newLen; i++) {
      text[i] = ' ';
    }
    mem.putInt(target, Items.VALUE_LENGTH, newLen);
    mem.write(target, from, text, 0, newLen);
    mem.write(target, from + newLen, CRLF, 0, 2);
    Items.setCas(mem, target, store.nextCas());
    if (digits > oldLen) { // memcached's new item: unfetched, no meta state
      mem.putByte(target, Items.META, (byte) 0);
      Items.setAccess(mem, target, Items.access(mem, target) & Items.KEY_BINARY);
      Items.accessedAt(mem, target, now);
    }
    (incr ? store.stats().incrHits : store.stats().decrHits).increment();
    out[0] = value;
    return done;
  }

  /** Number of decimal digits of an unsigned 64-bit value. */
  static int unsignedDigits(long value) {
    int digits = 1;
    long rest = Long.divideUnsigned(value, 10);
    while (rest != 0) {
      digits++;
      rest /= 10;
    }
    return digits;
  }

  /** Writes the unsigned value's {@code digits} decimal digits at {@code b[off]}. */
  static void writeUnsigned(byte[] b, int off, int digits, long value) {
    long v = value;
    for (int i = off + digits - 1; i >= off; i--) {
      long q = Long.divideUnsigned(v, 10);
      b[i] = (byte) ('0' + (v - q * 10));
      v = q;
    }
  }
}
