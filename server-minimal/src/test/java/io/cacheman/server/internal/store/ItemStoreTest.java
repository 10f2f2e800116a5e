package io.cacheman.server.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.server.Eviction;
import io.cacheman.server.ManualClock;
import io.cacheman.server.internal.stats.ServerStats;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The store on its own, with a hand-moved clock: expiry, flush, eviction, accounting. */
class ItemStoreTest {
  private final ManualClock clock = new ManualClock();
  private final ServerStats stats = new ServerStats();

  private ItemStore store(long limit, Eviction eviction) {
    return new ItemStore(limit, 64 * 1024, eviction, clock, stats);
  }

  @Test
  void setGetReplaceAndCasNumbering() {
    ItemStore s = store(8 << 20, Eviction.LRU);
    assertEquals(StoreOutcome.STORED, set(s, StoreMode.SET, "a", "1", 0));
    assertEquals("1", get(s, "a"));
    assertEquals(1, cas(s, "a"));
    assertEquals(StoreOutcome.NOT_STORED, set(s, StoreMode.ADD, "a", "2", 0));
    assertEquals(StoreOutcome.NOT_STORED, set(s, StoreMode.REPLACE, "b", "2", 0));
    assertEquals(StoreOutcome.STORED, set(s, StoreMode.REPLACE, "a", "3", 0));
    assertEquals(2, cas(s, "a"));
    assertEquals(StoreOutcome.EXISTS, set(s, StoreMode.CAS, "a", "4", 1));
    assertEquals(StoreOutcome.STORED, set(s, StoreMode.CAS, "a", "4", 2));
    assertEquals(StoreOutcome.NOT_FOUND, set(s, StoreMode.CAS, "zz", "4", 2));
    assertBooksBalance(s);
  }

  @Test
  void incrementKeepsLengthPaddedWithSpacesAndWraps() {
    ItemStore s = store(8 << 20, Eviction.LRU);
    long[] out = new long[1];
    set(s, StoreMode.SET, "n", "100", 0);
    assertEquals(StoreOutcome.OK, s.arithmetic(b("n"), 0, 1, false, 1, out));
    assertEquals("99 ", get(s, "n"));
    assertEquals(StoreOutcome.OK, s.arithmetic(b("n"), 0, 1, true, 901, out));
    assertEquals("1000", get(s, "n"));
    set(s, StoreMode.SET, "m", "18446744073709551615", 0);
    assertEquals(StoreOutcome.OK, s.arithmetic(b("m"), 0, 1, true, 2, out));
    assertEquals(1, out[0]);
    set(s, StoreMode.SET, "x", "12ab", 0);
    assertEquals(StoreOutcome.NON_NUMERIC, s.arithmetic(b("x"), 0, 1, true, 1, out));
    assertEquals(StoreOutcome.NOT_FOUND, s.arithmetic(b("q"), 0, 1, true, 1, out));
    assertBooksBalance(s);
  }

  @Test
  void relativeAbsoluteAndNegativeExpiry() {
    ItemStore s = store(8 << 20, Eviction.LRU);
    set(s, StoreMode.SET, "rel", "v", 10);
    set(s, StoreMode.SET, "abs", "v", clock.seconds() + 20);
    set(s, StoreMode.SET, "neg", "v", -1);
    set(s, StoreMode.SET, "never", "v", 0);
    assertNull(get(s, "neg"));
    clock.advanceSeconds(9);
    assertEquals("v", get(s, "rel"));
    clock.advanceSeconds(1);
    assertNull(get(s, "rel"));
    assertEquals("v", get(s, "abs"));
    clock.advanceSeconds(10);
    assertNull(get(s, "abs"));
    clock.advanceSeconds(365L * 24 * 3600);
    assertEquals("v", get(s, "never"));
    assertEquals(3, stats.getExpired.sum());
    assertBooksBalance(s);
  }

  @Test
  void touchAndGetAndTouchMoveTheExpiry() {
    ItemStore s = store(8 << 20, Eviction.LRU);
    set(s, StoreMode.SET, "t", "v", 5);
    assertTrue(s.touch(b("t"), 0, 1, s.expiry(100)));
    clock.advanceSeconds(50);
    assertTrue(s.getAndTouch(b("t"), 0, 1, s.expiry(10), new ItemRead()));
    clock.advanceSeconds(10);
    assertNull(get(s, "t"));
  }

  @Test
  void delayedFlushKillsOnlyWhatWasStoredBeforeItsTime() {
    ItemStore s = store(8 << 20, Eviction.LRU);
    set(s, StoreMode.SET, "old", "v", 0);
    s.flushAll(10);
    clock.advanceSeconds(9);
    assertEquals("v", get(s, "old"));
    clock.advanceSeconds(1);
    set(s, StoreMode.SET, "new", "v", 0);
    assertNull(get(s, "old"));
    assertEquals("v", get(s, "new"));
    s.flushAll(0);
    assertNull(get(s, "new"));
    assertEquals(2, stats.getFlushed.sum());
    assertBooksBalance(s);
  }

  @Test
  void sweepRemovesDeadItemsNobodyAsksFor() {
    ItemStore s = store(8 << 20, Eviction.LRU);
    for (int i = 0; i < 1000; i++) {
      set(s, StoreMode.SET, "k" + i, "v", i % 2 == 0 ? 5 : 0);
    }
    clock.advanceSeconds(6);
    assertEquals(1000, s.itemCount());
    assertEquals(500, s.sweep(0, 1, 100_000));
    assertEquals(500, s.itemCount());
    assertEquals(500, stats.expiredUnfetched.sum());
    assertBooksBalance(s);
  }

  @Test
  void sweepFindsItemsThatGotTheirExpiryFromATouchOrDiedInAFlush() {
    ItemStore s = store(8 << 20, Eviction.LRU);
    set(s, StoreMode.SET, "touched", "v", 0);
    set(s, StoreMode.SET, "kept", "v", 0);
    assertEquals(0, s.sweep(0, 1, 100_000), "nothing can expire");
    assertTrue(s.touch(b("touched"), 0, 7, s.expiry(5)));
    clock.advanceSeconds(6);
    assertEquals(1, s.sweep(0, 1, 100_000));
    s.flushAll(0);
    assertEquals(1, s.sweep(0, 1, 100_000), "a flush is swept although nothing expires");
    assertEquals(0, s.itemCount());
    assertBooksBalance(s);
  }

  @Test
  void aStoreWithNothingThatCanDieHasNoSweepWorkSoItsLoopsMaySleep() {
    ItemStore s = store(8 << 20, Eviction.LRU);
    set(s, StoreMode.SET, "forever", "v", 0);
    s.sweep(0, 1, 100_000);
    assertFalse(s.hasSweepWork(0, 1), "one item without an expiry, its table done growing");
    set(s, StoreMode.SET, "mortal", "v", 5);
    assertTrue(s.hasSweepWork(0, 1), "an item that can expire");
    clock.advanceSeconds(6);
    assertEquals(1, s.sweep(0, 1, 100_000));
    s.sweep(0, 1, 100_000); // a pass that finds nothing more to expire
    assertFalse(s.hasSweepWork(0, 1), "the item that could expire is gone");
    s.flushAll(0);
    assertTrue(s.hasSweepWork(0, 1), "a flush not yet swept");
    for (int i = 0; i < 10_000; i++) {
      set(s, StoreMode.SET, "k" + i, "v", 0);
    }
    s.sweep(0, 1, 100_000);
    s.sweep(0, 1, 100_000);
    assertFalse(s.hasSweepWork(0, 1), "tables grown, the flush swept");
  }

  @Test
  void lruEvictsTheLeastRecentlyUsedAndKeepsTheCap() {
    long limit = 2 << 20;
    ItemStore s = store(limit, Eviction.LRU);
    String value = "x".repeat(1000);
    for (int i = 0; i < 1000; i++) {
      set(s, StoreMode.SET, "k" + i, value, 0);
    }
    for (int i = 0; i < 10; i++) {
      assertNotNull(get(s, "k" + i)); // recently used now
    }
    for (int i = 1000; i < 4000; i++) {
      assertEquals(StoreOutcome.STORED, set(s, StoreMode.SET, "k" + i, value, 0));
      assertTrue(s.bytes() <= limit);
    }
    assertTrue(stats.evictions.sum() > 2000);
    int hotAlive = 0;
    for (int i = 0; i < 10; i++) {
      hotAlive += get(s, "k" + i) != null ? 1 : 0;
    }
    assertEquals(0, hotAlive, "a flood of 3000 new items pushes even recently read ones out");
    assertNotNull(get(s, "k3999"));
    assertNull(get(s, "k10"));
    assertBooksBalance(s);
  }

  @Test
  void lfuKeepsFrequentlyUsedItemsThroughAFloodThatLruWouldNot() {
    long limit = 2 << 20;
    for (Eviction policy : new Eviction[] {Eviction.LRU, Eviction.LFU}) {
      ItemStore s = store(limit, policy);
      String value = "x".repeat(1000);
      for (int i = 0; i < 1000; i++) {
        set(s, StoreMode.SET, "k" + i, value, 0);
      }
      for (int round = 0; round < 50; round++) {
        for (int i = 0; i < 20; i++) {
          get(s, "k" + i);
        }
      }
      for (int i = 1000; i < 5000; i++) {
        set(s, StoreMode.SET, "k" + i, value, 0);
      }
      int hotAlive = 0;
      for (int i = 0; i < 20; i++) {
        hotAlive += get(s, "k" + i) != null ? 1 : 0;
      }
      if (policy == Eviction.LFU) {
        assertEquals(20, hotAlive, "LFU keeps the hot set");
      } else {
        assertEquals(0, hotAlive, "LRU loses the hot set");
      }
      assertTrue(s.bytes() <= limit);
      assertBooksBalance(s);
    }
  }

  @Test
  void withoutEvictionAFullStoreRefusesNewItems() {
    ItemStore s = store(1 << 20, Eviction.NONE);
    String value = "x".repeat(10_000);
    int stored = 0;
    while (set(s, StoreMode.SET, "k" + stored, value, 0) == StoreOutcome.STORED) {
      stored++;
    }
    assertTrue(stored > 90 && stored < 105, "stored " + stored);
    assertEquals(0, stats.evictions.sum());
    assertEquals(1, stats.storeNoMemory.sum());
    assertBooksBalance(s);
  }

  @Test
  void booksBalanceAfterRandomOperations() {
    ItemStore s = store(1 << 20, Eviction.LRU);
    Random random = new Random(42);
    long[] out = new long[1];
    for (int i = 0; i < 50_000; i++) {
      String key = "k" + random.nextInt(2000);
      byte[] k = b(key);
      switch (random.nextInt(8)) {
        case 0: set(s, StoreMode.SET, key, "x".repeat(random.nextInt(3000)), 0); break;
        case 1: set(s, StoreMode.APPEND, key, "ab", 0); break;
        case 2: set(s, StoreMode.PREPEND, key, "cd", 0); break;
        case 3: s.delete(k, 0, k.length); break;
        case 4: set(s, StoreMode.SET, key, Integer.toString(random.nextInt(1000)), 3); break;
        case 5: s.arithmetic(k, 0, k.length, random.nextBoolean(), random.nextInt(100), out); break;
        case 6: clock.advanceSeconds(1); break;
        default: get(s, key); break;
      }
    }
    s.sweep(0, 1, 100_000);
    assertBooksBalance(s);
  }

  @Test
  void keysStayFoundWhileTheTablesDoubleAFewBucketsAtATime() {
    ItemStore s = store(64 << 20, Eviction.LRU);
    Random random = new Random(7);
    int n = 40_000; // 64 segments of 16 buckets double five times on the way
    for (int i = 0; i < n; i++) {
      set(s, StoreMode.SET, "k" + i, "v" + i, 0);
      int earlier = random.nextInt(i + 1);
      assertEquals("v" + earlier, get(s, "k" + earlier), "key " + earlier + " after " + (i + 1) + " inserts");
      if (i % 4_999 == 0) {
        assertBooksBalance(s); // the walk counts the items still in old buckets too
      }
    }
    for (int i = 0; i < n; i += 2) {
      byte[] k = b("k" + i);
      assertTrue(s.delete(k, 0, k.length), "k" + i);
    }
    for (int i = 0; i < n; i++) {
      assertEquals(i % 2 == 0 ? null : "v" + i, get(s, "k" + i));
    }
    assertEquals(n / 2, s.itemCount());
    assertBooksBalance(s);
  }

  @Test
  void theBucketsOfGrownTablesAreReportedAndTheOldOnesGiven() {
    ItemStore s = store(64 << 20, Eviction.LRU);
    assertEquals(64 * 16 * Integer.BYTES, s.hashBytes());
    for (int i = 0; i < 40_000; i++) { // about 625 per segment: every table doubles to 1,024
      set(s, StoreMode.SET, "k" + i, "v" + i, 0);
    }
    s.sweep(0, 1, 100_000); // a sweep tick finishes any doubling still moving
    assertEquals(64 * 1_024 * Integer.BYTES, s.hashBytes(), "old tables given back");
  }

  static void assertBooksBalance(ItemStore s) {
    long[] scan = s.scan();
    assertEquals(scan[0], s.itemCount());
    assertEquals(scan[0], scan[2]);
    assertEquals(scan[1], s.bytes());
    assertEquals(s.bytes(), s.usedBytes(), "no reservation left behind");
  }

  static StoreOutcome set(ItemStore s, StoreMode mode, String key, String value,
      long exptime) {
    byte[] k = b(key);
    byte[] v = b(value + "\r\n");
    int item = s.allocate(k, 0, k.length, 0, s.expiry(exptime), v.length - 2);
    if (item == ItemStore.NONE) {
      return StoreOutcome.NO_MEMORY;
    }
    s.fill(item, 0, v, 0, v.length);
    return s.store(mode, item, mode == StoreMode.CAS ? exptime : 0);
  }

  /** The value, or null on a miss; a referenced value is read and released. */
  static String get(ItemStore s, String key) {
    ItemRead read = new ItemRead();
    byte[] k = b(key);
    if (!s.get(k, 0, k.length, read)) {
      return null;
    }
    byte[] value = new byte[read.valueLength() + 2];
    if (read.isCopied()) {
      System.arraycopy(read.copy(), 0, value, 0, value.length);
    } else {
      read.page().get(read.offset(), value);
      s.release(read.handle());
    }
    assertArrayEquals(b("\r\n"), Arrays.copyOfRange(value, value.length - 2, value.length));
    return new String(value, 0, value.length - 2, StandardCharsets.ISO_8859_1);
  }

  private static long cas(ItemStore s, String key) {
    ItemRead read = new ItemRead();
    assertTrue(s.get(b(key), 0, key.length(), read));
    return read.cas();
  }

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
