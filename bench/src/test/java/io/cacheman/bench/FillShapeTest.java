package io.cacheman.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.bench.load.KeySpace;
import io.cacheman.server.Eviction;
import io.cacheman.server.internal.stats.ServerStats;
import io.cacheman.server.internal.store.ItemStore;
import io.cacheman.server.internal.store.StoreMode;
import io.cacheman.server.internal.store.StoreOutcome;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, curve 5 in small: filling server-minimal's store, no single set may pay for doubling
 * its segment's whole hash table. The 64 segments double together when they hold 2^k items each,
 * and moving all of a segment's items at once made the set that crossed the mark (and every read
 * of that segment meanwhile) wait for a time proportional to the table: some 100 ms a segment at 50
 * million items. So the longest set around the doubling from 65,536 buckets a segment (4 million
 * items) must stay within {@value #MOST_GROWTH}x of the longest around the doubling from 8,192,
 * eight times smaller; both are otherwise set by taking a fresh 1 MB slab page (some 0.7 ms).
 * Values of 10 bytes keep the store near 400 MB.
 *
 * <p>Each set is timed in the CPU time of the setting thread, so neither the machine's other work
 * nor the JVM's collections count, and the least of three fills is taken. The figures are printed
 * ("[fill shape]").
 */
class FillShapeTest {
  private static final int SEGMENTS = 64;
  private static final int SMALL = SEGMENTS * 8_192;
  private static final int LARGE = SEGMENTS * 65_536;
  private static final int VALUE_SIZE = 10;
  private static final int ITEMS = LARGE + LARGE / 8;
  private static final int ROUNDS = 3;
  private static final double MOST_GROWTH = 3;

  @Test
  void noSetWaitsForAWholeTableToDouble() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    assertTrue(threads.isCurrentThreadCpuTimeSupported(), "this JVM cannot time a thread's CPU");
    double[] least = {Double.MAX_VALUE, Double.MAX_VALUE};
    byte[] value = new byte[VALUE_SIZE + 2];
    Arrays.fill(value, (byte) 'v');
    value[VALUE_SIZE] = '\r';
    value[VALUE_SIZE + 1] = '\n';
    byte[] key = new byte[KeySpace.KEY_LENGTH];
    for (int round = 0; round < ROUNDS; round++) {
      ItemStore store = new ItemStore(1L << 30, 1 << 20, Eviction.LRU, Clock.systemUTC(), new ServerStats());
      long[] longest = new long[2];
      for (int i = 0; i < ITEMS; i++) {
        KeySpace.write(i, key);
        long start = threads.getCurrentThreadCpuTime();
        int h = store.allocate(key, 0, key.length, 0, 0, VALUE_SIZE);
        store.fill(h, 0, value, 0, value.length);
        StoreOutcome outcome = store.store(StoreMode.SET, h, 0);
        long nanos = threads.getCurrentThreadCpuTime() - start;
        assertTrue(outcome == StoreOutcome.STORED, "set " + i + ": " + outcome);
        if (i >= SMALL / 2 && i < SMALL * 2) {
          longest[0] = Math.max(longest[0], nanos);
        } else if (i >= LARGE / 2) {
          longest[1] = Math.max(longest[1], nanos);
        }
      }
      System.out.printf(Locale.ROOT, "[fill shape] round %d: longest set around %,d items %,d us, around %,d "
          + "items %,d us%n", round + 1, SMALL, longest[0] / 1000, LARGE, longest[1] / 1000);
      least[0] = Math.min(least[0], longest[0]);
      least[1] = Math.min(least[1], longest[1]);
    }
    double growth = least[1] / least[0];
    assertTrue(growth <= MOST_GROWTH, String.format(Locale.ROOT, "the longest set around the doubling at %,d items "
        + "took %.1fx that at %,d items (%,.0f against %,.0f us), more than %.0fx", LARGE, growth, SMALL,
        least[1] / 1000, least[0] / 1000, MOST_GROWTH));
  }
}
