package io.cacheman.server.internal.store;

import io.cacheman.server.internal.stats.ServerStats;

/**
 * {@code incr} and {@code decr} on 64-bit unsigned decimal values, atomic under the key's segment
 * lock. As in memcached, incr wraps around at 2^64, decr stops at 0, and a result with fewer
 * digits than the old value keeps the old length, padded with spaces ({@code 100} decremented
 * reads back as {@code "99 "}).
 */
final class Arithmetic {
  private Arithmetic() {}

  static StoreOutcome apply(ItemStore store, byte[] key, int off, int len, boolean incr,
      long delta, long[] out) {
    ServerStats stats = store.stats();
    return store.locked(key, off, len, (seg, slot) -> {
      if (slot == Segment.NONE) {
        (incr ? stats.incrMisses : stats.decrMisses).increment();
        return StoreOutcome.NOT_FOUND;
      }
      byte[] old = seg.item(slot);
      int from = Items.valueOffset(old);
      int oldLen = Items.valueLength(old);
      if (oldLen == 0 || !CNumbers.parseUnsigned64(old, from, from + oldLen, out)) {
        return StoreOutcome.NON_NUMERIC;
      }
      long value = out[0];
      if (incr) {
        value += delta;
      } else {
        value = Long.compareUnsigned(value, delta) < 0 ? 0 : value - delta;
      }
      int digits = unsignedDigits(value);
      int newLen = Math.max(digits, oldLen);
      byte[] updated = new byte[from + newLen + 2];
      System.arraycopy(old, 0, updated, 0, from);
      writeUnsigned(updated, from, digits, value);
      for (int i = from + digits; i < from + newLen; i++) {
        updated[i] = ' ';
      }
      updated[updated.length - 2] = '\r';
      updated[updated.length - 1] = '\n';
      Items.setCas(updated, store.nextCas());
      if (newLen == oldLen) {
        seg.swap(slot, updated);
      } else {
        seg.replace(slot, updated);
      }
      store.budget().add(Items.cost(updated) - Items.cost(old));
      (incr ? stats.incrHits : stats.decrHits).increment();
      out[0] = value;
      return StoreOutcome.OK;
    });
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
