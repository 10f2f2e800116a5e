package io.cacheman.server;

/** What the node does when storing an item would exceed its memory limit. */
public enum Eviction {
  /** Evict the least recently used items first (the default, as memcached does). */
  LRU,
  /**
   * Evict rarely used items first: every item keeps a small hit counter that ages (halves) each
   * time the item reaches the eviction end of the queue without being chosen, a GCLOCK scheme.
   */
  LFU,
  /**
   * Never evict: a store that does not fit fails with {@code SERVER_ERROR out of memory storing
   * object}, as memcached does when started with {@code -M}.
   */
  NONE
}
