package io.cacheman;

/** The outcome of a compare-and-set. */
public enum CasResult {
  /** The item had the expected CAS unique and now holds the new value. */
  STORED,
  /** Someone changed the item since it was read: nothing stored. */
  EXISTS,
  /** The item is gone (deleted, evicted or expired): nothing stored. */
  NOT_FOUND
}
