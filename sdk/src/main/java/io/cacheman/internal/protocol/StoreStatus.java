package io.cacheman.internal.protocol;

/** The reply to a storage command (memcached {@code protocol.txt} "Storage commands"). */
public enum StoreStatus {
  /** {@code STORED}: the data was stored. */
  STORED,
  /** {@code NOT_STORED}: the condition of add, replace, append or prepend was not met. */
  NOT_STORED,
  /** {@code EXISTS}: cas found the item modified since it was read. */
  EXISTS,
  /** {@code NOT_FOUND}: cas found no item. */
  NOT_FOUND
}
