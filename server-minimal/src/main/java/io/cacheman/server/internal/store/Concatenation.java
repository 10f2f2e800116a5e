package io.cacheman.server.internal.store;

/**
 * {@code append} and {@code prepend}: the combined item is built outside the segment lock and
 * swapped in only if the old item is still the live one, retrying otherwise, so concurrent
 * appends to one key are each applied exactly once. Like memcached, the combined item keeps the
 * old item's flags and expiry.
 */
final class Concatenation {
  private Concatenation() {}

  static StoreOutcome apply(ItemStore store, StoreMode mode, byte[] data) {
    int keyLen = Items.keyLength(data);
    MemoryBudget budget = store.budget();
    try {
      for (;;) {
        byte[] old = store.peek(data, Items.HEADER, keyLen);
        if (old == null) {
          return StoreOutcome.NOT_STORED;
        }
        long combinedValue = (long) Items.valueLength(old) + Items.valueLength(data);
        if (store.tooLarge(keyLen, Items.flags(old), combinedValue)) {
          return StoreOutcome.NOT_STORED;
        }
        byte[] joined = join(mode == StoreMode.APPEND, old, data);
        if (!budget.reserve(Items.cost(joined))) {
          store.stats().storeNoMemory.increment();
          return StoreOutcome.NOT_STORED;
        }
        if (store.compareAndReplace(old, joined)) {
          return StoreOutcome.STORED;
        }
        budget.release(Items.cost(joined));
      }
    } finally {
      budget.release(Items.cost(data));
    }
  }

  private static byte[] join(boolean append, byte[] old, byte[] data) {
    int head = Items.valueOffset(old);
    int oldLen = Items.valueLength(old);
    int dataLen = Items.valueLength(data);
    byte[] joined = new byte[head + oldLen + dataLen + 2];
    System.arraycopy(old, 0, joined, 0, head);
    int dataFrom = Items.valueOffset(data);
    if (append) {
      System.arraycopy(old, head, joined, head, oldLen);
      System.arraycopy(data, dataFrom, joined, head + oldLen, dataLen);
    } else {
      System.arraycopy(data, dataFrom, joined, head, dataLen);
      System.arraycopy(old, head, joined, head + dataLen, oldLen);
    }
    joined[joined.length - 2] = '\r';
    joined[joined.length - 1] = '\n';
    return joined;
  }
}
