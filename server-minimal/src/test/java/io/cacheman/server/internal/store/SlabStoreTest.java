package io.cacheman.server.internal.store;

import static io.cacheman.server.internal.store.ItemStoreTest.assertBooksBalance;
import static io.cacheman.server.internal.store.ItemStoreTest.b;
import static io.cacheman.server.internal.store.ItemStoreTest.get;
import static io.cacheman.server.internal.store.ItemStoreTest.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.server.Eviction;
import io.cacheman.server.ManualClock;
import io.cacheman.server.internal.stats.ServerStats;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The off-heap side of the store: references that keep a chunk alive, slab pages moving between
 * size classes (by moving items, or evicting them), arithmetic outgrowing its chunk, and the cap
 * on pages.
 */
class SlabStoreTest {
  private static final long MB = 1 << 20;
  private static final long TEN_POW_19 = Long.parseUnsignedLong("10000000000000000000");
  private final ManualClock clock = new ManualClock();
  private final ServerStats stats = new ServerStats();

  private ItemStore store(long limit, Eviction eviction) {
    return store(limit, eviction, 256 * 1024);
  }

  private ItemStore store(long limit, Eviction eviction, int maxItemSize) {
    return new ItemStore(limit, maxItemSize, eviction, clock, stats);
  }

  @Test
  void aReferencedValueOutlivesItsDeletionUntilReleased() {
    ItemStore s = store(8 * MB, Eviction.LRU);
    String value = "a".repeat(10_000);
    set(s, StoreMode.SET, "big", value, 0);
    ItemRead read = new ItemRead();
    assertTrue(s.get(b("big"), 0, 3, read));
    assertFalse(read.isCopied(), "a 10 KB value is referenced, not copied");
    assertTrue(s.delete(b("big"), 0, 3));
    for (int i = 0; i < 200; i++) { // same size class: would reuse a freed chunk at once
      set(s, StoreMode.SET, "other" + i, "z".repeat(10_000), 0);
    }
    byte[] held = new byte[read.valueLength() + 2];
    read.page().get(read.offset(), held);
    assertEquals(value + "\r\n", new String(held, StandardCharsets.ISO_8859_1));
    // it still occupies its chunk, so it is still charged: the budget must not promise its room
    assertTrue(s.usedBytes() > s.bytes(), "the deleted item is charged until released");
    s.release(read.handle());
    assertEquals(s.bytes(), s.usedBytes(), "released: no longer charged");
    assertBooksBalance(s);
  }

  @Test
  void smallValuesAreCopiedAndNeedNoRelease() {
    ItemStore s = store(8 * MB, Eviction.LRU);
    set(s, StoreMode.SET, "k", "x".repeat(ItemRead.COPY_LIMIT - 2), 0);
    ItemRead read = new ItemRead();
    assertTrue(s.get(b("k"), 0, 1, read));
    assertTrue(read.isCopied());
    assertEquals("x\r\n", new String(read.copy(), read.valueLength() - 1, 3,
        StandardCharsets.ISO_8859_1));
    assertBooksBalance(s);
  }

  @Test
  void pagesPassToTheSizeClassThatNeedsThemByEvicting() {
    ItemStore s = store(4 * MB, Eviction.LRU);
    for (int i = 0; i < 10_000; i++) {
      set(s, StoreMode.SET, "small" + i, "s".repeat(1000), 0);
    }
    assertTrue(stats.evictions.sum() > 0, "the small items filled every page");
    // 20 big items take 2.6 of the 4 MB: the small ones, older in every segment's queue, make way
    // (30 would leave too little room: which big item goes first is then up to the round robin
    // over the segments' queues, an approximation of LRU)
    for (int i = 0; i < 20; i++) {
      assertEquals(StoreOutcome.STORED, set(s, StoreMode.SET, "big" + i, "B".repeat(100_000), 0));
    }
    for (int i = 0; i < 20; i++) {
      assertEquals("B".repeat(100_000), get(s, "big" + i), "big" + i);
    }
    assertTrue(pageBytes(s) <= 4 * MB, "page bytes " + pageBytes(s));
    assertTrue(s.bytes() <= 4 * MB);
    assertBooksBalance(s);
  }

  @Test
  void withoutEvictionAPageIsFreedByMovingItsItems() {
    ItemStore s = store(4 * MB, Eviction.NONE);
    int n = 0;
    while (set(s, StoreMode.SET, "small" + n, "v" + n + "-".repeat(900), 0)
        == StoreOutcome.STORED) {
      n++;
    }
    assertEquals(StoreOutcome.NO_MEMORY, set(s, StoreMode.SET, "big", "B".repeat(100_000), 0));
    for (int i = 0; i < n; i++) {
      if (i % 4 != 0) {
        s.delete(b("small" + i), 0, ("small" + i).length());
      }
    }
    assertEquals(StoreOutcome.STORED, set(s, StoreMode.SET, "big", "B".repeat(100_000), 0));
    assertEquals(0, stats.evictions.sum(), "nothing evicted: the items moved");
    for (int i = 0; i < n; i += 4) {
      assertEquals("v" + i + "-".repeat(900), get(s, "small" + i), "small" + i);
    }
    assertBooksBalance(s);
  }

  @Test
  void arithmeticOutgrowingItsChunkMovesToABiggerOne() {
    ItemStore s = store(8 * MB, Eviction.LRU);
    set(s, StoreMode.SET, "n", "9", 0); // a 48-byte chunk: room for 3 digits
    long[] out = new long[1];
    assertEquals(StoreOutcome.OK, s.arithmetic(b("n"), 0, 1, true, 999_990, out));
    assertEquals("999999", get(s, "n"));
    assertEquals(StoreOutcome.OK, s.arithmetic(b("n"), 0, 1, false, 999_998, out));
    assertEquals("1     ", get(s, "n"));
    assertBooksBalance(s);
  }

  /**
   * Keys k0..k99 take a smaller size class than k100 and up, so two classes each hold a partly
   * filled page. With eviction off no page changes class, so with one 1 MiB page per megabyte a
   * 1 MB node held the first 100 items and refused everything else; it must hold about what LRU
   * holds when it first has to evict.
   */
  @Test
  void withoutEvictionASmallNodeHoldsAboutWhatLruHoldsBeforeItEvicts() {
    ServerStats lruStats = new ServerStats();
    ItemStore lru = new ItemStore(MB, 64 * 1024, Eviction.LRU, clock, lruStats);
    int beforeEviction = 0;
    while (set(lru, StoreMode.SET, "k" + beforeEviction, "1", 0) == StoreOutcome.STORED
        && lruStats.evictions.sum() == 0) {
      beforeEviction++;
    }
    ItemStore none = store(MB, Eviction.NONE, 64 * 1024);
    int stored = 0;
    for (int i = 0; i < 40_000; i++) {
      stored += set(none, StoreMode.SET, "k" + i, "1", 0) == StoreOutcome.STORED ? 1 : 0;
    }
    assertTrue(beforeEviction > 14_000, "LRU fills 1 MB at 72 bytes an item: " + beforeEviction);
    assertTrue(stored >= beforeEviction * 9 / 10,
        "eviction off holds " + stored + " items, LRU " + beforeEviction + " before evicting");
    assertEquals(stored, none.itemCount());
    assertTrue(none.usedBytes() <= MB);
    assertTrue(pageBytes(none) <= MB, "page bytes " + pageBytes(none));
    assertEquals(StoreOutcome.NO_MEMORY, set(none, StoreMode.SET, "k1000", "22", 0),
        "a full node refuses a larger value; the old one is left to the protocol layer to drop");
    assertBooksBalance(none);
  }

  @Test
  void aLengtheningIncrEvictsUnderLruAndIsRefusedWithoutEviction() {
    for (Eviction eviction : new Eviction[] {Eviction.LRU, Eviction.NONE}) {
      ItemStore s = store(MB, eviction, 64 * 1024);
      int n = 0;
      while (n < 40_000 && set(s, StoreMode.SET, "key" + n, "1", 0) == StoreOutcome.STORED
          && stats.evictions.sum() == 0) {
        n++;
      }
      long[] out = new long[1];
      int refused = 0;
      int done = 0;
      for (int i = 0; i < n; i++) {
        byte[] k = b("key" + i);
        StoreOutcome outcome = s.arithmetic(k, 0, k.length, true, TEN_POW_19, out);
        refused += outcome == StoreOutcome.NO_MEMORY ? 1 : 0;
        done += outcome == StoreOutcome.OK ? 1 : 0;
        assertTrue(s.usedBytes() <= MB, eviction + ": " + s.usedBytes());
      }
      if (eviction == Eviction.LRU) {
        assertEquals(0, refused, "LRU evicts to make room for the longer values");
        assertTrue(done > n / 2, "most keys were incremented before being evicted: " + done);
        assertEquals("10000000000000000001", get(s, "key" + (n - 1)));
      } else {
        assertEquals(n, refused, "a full node without eviction refuses every lengthening incr");
        assertEquals("1", get(s, "key0"));
      }
      assertBooksBalance(s);
      stats.evictions.reset();
    }
  }

  @Test
  void smallLimitsGetSmallerPages() {
    assertEquals(64 * 1024, SlabPages.pageSizeFor(MB, 64 * 1024));
    assertEquals(1 << 20, SlabPages.pageSizeFor(MB, 1 << 20), "the largest item decides");
    assertEquals(1 << 20, SlabPages.pageSizeFor(100 * MB, 64 * 1024));
    assertEquals(64 * 1024, SlabPages.pageSizeFor(8 * 1024, 1024), "never below 64 KiB");
    assertEquals(16 * MB, ItemStore.slabBytes(16 * MB, 64 * 1024));
  }

  private static long pageBytes(ItemStore s) {
    return s.slabPages()[0] * s.slabPages()[1];
  }

  /**
   * Finding 8: values of 32 B to 4 KB rewritten into a 64 MB node (64 pages of 1 MiB) take about
   * 14 MB, yet with one fine size class per 16 bytes the classes outnumbered the pages and took
   * pages from each other by evicting. memcached holds all of them; so must we.
   */
  @Test
  void aSmallNodeHoldsMixedSizesWellUnderItsLimitWithoutEvicting() {
    ItemStore s = store(64 * MB, Eviction.LRU, 1 << 20);
    Random random = new Random(1);
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 6000; i++) {
        set(s, StoreMode.SET, "key" + i, "v".repeat(32 + random.nextInt(4064)), 0);
      }
    }
    assertEquals(0, stats.evictions.sum(), "evictions while holding " + s.bytes() + " bytes");
    assertEquals(6000, s.itemCount());
    assertBooksBalance(s);
  }

  @Test
  void mixedSizesNeverTakeMorePagesThanTheLimit() {
    ItemStore s = store(6 * MB, Eviction.LFU);
    Random random = new Random(7);
    long[] out = new long[1];
    for (int i = 0; i < 20_000; i++) {
      String key = "k" + random.nextInt(3000);
      int size = random.nextInt(4) == 0 ? random.nextInt(200_000) : random.nextInt(2000);
      switch (random.nextInt(6)) {
        case 0, 1 -> set(s, StoreMode.SET, key, "x".repeat(size), 0);
        case 2 -> set(s, StoreMode.APPEND, key, "ab", 0);
        case 3 -> s.arithmetic(b(key), 0, key.length(), true, 1, out);
        default -> get(s, key);
      }
      assertTrue(s.bytes() <= 6 * MB);
    }
    assertTrue(pageBytes(s) <= 6 * MB, "page bytes " + pageBytes(s));
    assertBooksBalance(s);
    s.flushAll(0);
    s.sweep(0, 1, 1 << 20);
    assertEquals(0, s.itemCount());
    assertEquals(0, s.usedBytes());
    assertNull(get(s, "k1"));
  }
}
