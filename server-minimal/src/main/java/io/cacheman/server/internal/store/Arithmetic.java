package io.cacheman.server.internal.store;

import io.cacheman.server.internal.stats.ServerStats;

/**
 * {@code incr} and {@code decr} on 64-bit unsigned decimal values, atomic under the key's segment
 * lock. As in memcached, incr wraps around at 2^64, decr stops at 0, and a result with fewer
 * digits than the old value keeps the old length, padded with spaces ({@code 100} decremented
 * reads back as {@code "99 "}).
 */
final class Arithmetic {
  private static final byte[] CRLF = {'\r', '\n'};

  private Arithmetic() {}

  /**
   * Applies the delta to item {@code h} ({@link ItemStore#NONE} when the key is missing), under
   * its segment's lock. The new digits are written in place when the chunk has room and no reply
   * points into it; otherwise into a new chunk, charged without evicting (the next reservation
   * evicts if needed), or {@link StoreOutcome#NO_MEMORY} when no chunk is free.
   */
  static StoreOutcome apply(ItemStore store, Segment seg, int h, boolean incr, long delta,
      long[] out) {
    ServerStats stats = store.stats();
    if (h == ItemStore.NONE) {
      (incr ? stats.incrMisses : stats.decrMisses).increment();
      return StoreOutcome.NOT_FOUND;
    }
    SlabPages mem = store.mem;
    int from = Items.valueOffset(mem, h);
    int oldLen = Items.valueLength(mem, h);
    byte[] text = oldLen <= seg.scratch.length ? seg.scratch : new byte[oldLen];
    mem.read(h, from, text, 0, oldLen);
    if (oldLen == 0 || !CNumbers.parseUnsigned64(text, 0, oldLen, out)) {
      return StoreOutcome.NON_NUMERIC;
    }
    long value = out[0];
    if (incr) {
      value += delta;
    } else {
      value = Long.compareUnsigned(value, delta) < 0 ? 0 : value - delta;
    }
    int digits = unsignedDigits(value);
    int newLen = Math.max(digits, oldLen); // at most text.length: digits <= 20
    writeUnsigned(text, 0, digits, value);
    for (int i = digits; i < newLen; i++) {
      text[i] = ' ';
    }
    int target = h;
    SlabAllocator slabs = store.slabs;
    long size = Items.size(Items.keyLength(mem, h), newLen);
    boolean inPlace = (Items.refs(mem, h) & Items.READERS) == 0
        && size <= slabs.chunkSizeOfClass(slabs.classOf(h));
    if (!inPlace) {
      int cls = slabs.classFor(size);
      target = cls == ItemStore.NONE ? ItemStore.NONE : slabs.allocate(cls);
      if (target == ItemStore.NONE) {
        stats.storeNoMemory.increment();
        return StoreOutcome.NO_MEMORY;
      }
      mem.copy(h, 0, target, 0, from);
      Items.setRefs(mem, target, Items.LINKED);
      store.budget().add(slabs.cost(target));
      store.link(seg, h, target);
    }
    mem.putInt(target, Items.VALUE_LENGTH, newLen);
    mem.write(target, from, text, 0, newLen);
    mem.write(target, from + newLen, CRLF, 0, 2);
    Items.setCas(mem, target, store.nextCas());
    (incr ? stats.incrHits : stats.decrHits).increment();
    out[0] = value;
    return StoreOutcome.OK;
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
