package io.cacheman.server.internal.store;

import java.nio.ByteBuffer;

/**
 * What a read found, taken out of the store under the item's segment lock so that nothing of the
 * item is touched after the lock is released: the header fields, and either a copy of the value
 * (with its {@code \r\n}) when it is at most {@link #COPY_LIMIT} bytes, or a reference into its
 * slab page that keeps the chunk from being freed or reused until {@link ItemStore#release}.
 *
 * <p>One instance per connection, reused for every read; not thread-safe.
 */
public final class ItemRead {
  /** Values (with their {@code \r\n}) up to this size are copied; larger ones are referenced. */
  public static final int COPY_LIMIT = 2048;

  final byte[] copy = new byte[COPY_LIMIT];
  long flags;
  long cas;
  int valueLength;
  int handle = SlabPages.NONE;
  ByteBuffer page;
  int at;

  /** Flags as an unsigned 32-bit value. */
  public long flags() {
    return flags;
  }

  public long cas() {
    return cas;
  }

  /** Length of the value, without its {@code \r\n}. */
  public int valueLength() {
    return valueLength;
  }

  /** True when the value was copied into {@link #copy()}; false when it is referenced. */
  public boolean isCopied() {
    return handle == SlabPages.NONE;
  }

  /** The value and its {@code \r\n} in the first {@code valueLength() + 2} bytes. */
  public byte[] copy() {
    return copy;
  }

  /** The referenced item, to hand back with {@link ItemStore#release} once written. */
  public int handle() {
    return handle;
  }

  /** The slab page holding a referenced value; read it with absolute access only. */
  public ByteBuffer page() {
    return page;
  }

  /** Where the referenced value (then its {@code \r\n}) starts in {@link #page()}. */
  public int offset() {
    return at;
  }
}
