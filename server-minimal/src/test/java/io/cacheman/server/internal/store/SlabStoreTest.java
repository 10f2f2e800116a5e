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
  private final ManualClock clock = new ManualClock();
  private final ServerStats stats = new ServerStats();

  private ItemStore store(long limit, Eviction eviction) {
    return new ItemStore(limit, 256 * 1024, eviction, clock, stats);
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
    assertTrue(s.usedBytes() == s.bytes(), "the deleted item is no longer charged");
    s.release(read.handle());
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
    for (int i = 0; i < 30; i++) {
      assertEquals(StoreOutcome.STORED, set(s, StoreMode.SET, "big" + i, "B".repeat(100_000), 0));
    }
    for (int i = 20; i < 30; i++) {
      assertEquals("B".repeat(100_000), get(s, "big" + i));
    }
    assertTrue(s.slabPages()[0] <= 4, "pages " + s.slabPages()[0]);
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
    assertTrue(s.slabPages()[0] <= 6, "pages " + s.slabPages()[0]);
    assertBooksBalance(s);
    s.flushAll(0);
    s.sweep(0, 1, 1 << 20);
    assertEquals(0, s.itemCount());
    assertEquals(0, s.usedBytes());
    assertNull(get(s, "k1"));
  }
}
