package io.cacheman.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.server.internal.store.ItemStore;

/** Checks a store's counters against a fresh walk of its tables (cf. Caffeine's validation). */
final class StoreInvariants {
  private StoreInvariants() {}

  static void assertConsistent(ItemStore store) {
    long[] scan = store.scan();
    assertEquals(scan[0], store.itemCount(), "curr_items vs items found in the tables");
    assertEquals(scan[0], scan[2], "items in tables vs items in recency queues");
    assertEquals(scan[1], store.bytes(), "bytes vs bytes of items found in the tables");
    assertTrue(store.usedBytes() >= store.bytes(), "budget covers stored bytes");
    assertTrue(store.bytes() <= store.limitBytes(), "bytes within the limit");
  }
}
