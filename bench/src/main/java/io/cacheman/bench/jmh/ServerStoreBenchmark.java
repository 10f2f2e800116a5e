package io.cacheman.bench.jmh;

import io.cacheman.server.Eviction;
import io.cacheman.server.internal.stats.ServerStats;
import io.cacheman.server.internal.store.ItemStore;
import io.cacheman.server.internal.store.ItemRead;
import io.cacheman.server.internal.store.StoreMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * server-minimal's item store, get and set, pre-filled with 100,000 items of 100 bytes (no
 * eviction), against a {@link ConcurrentHashMap} as the baseline: what the store's memory
 * accounting, eviction bookkeeping and item layout cost over a plain concurrent map. Run with
 * {@code -t 2} to see contention.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ServerStoreBenchmark {
  private static final int KEYS = 100_000;
  private static final int VALUE_SIZE = 100;

  @Param({"server-minimal-lru", "server-minimal-lfu", "concurrent-hash-map"})
  public String store;

  private byte[][] keys;
  private byte[] valueAndCrlf;
  private ItemStore items;
  private ConcurrentHashMap<ByteBuffer, byte[]> map;

  /** Each benchmark thread walks the keys in its own random order, reading into its own buffer. */
  @State(Scope.Thread)
  public static class Cursor {
    private final SplittableRandom random = new SplittableRandom(Thread.currentThread().getId());
    private final ItemRead read = new ItemRead();

    int next() {
      return random.nextInt(KEYS);
    }
  }

  /** Builds the inputs once per trial, outside the measured code. */
  @Setup
  public void setUp() {
    keys = new byte[KEYS][];
    for (int i = 0; i < KEYS; i++) {
      keys[i] = String.format("key:%012d", i).getBytes(StandardCharsets.US_ASCII);
    }
    valueAndCrlf = new byte[VALUE_SIZE + 2];
    java.util.Arrays.fill(valueAndCrlf, (byte) 'v');
    valueAndCrlf[VALUE_SIZE] = '\r';
    valueAndCrlf[VALUE_SIZE + 1] = '\n';
    switch (store) {
      case "server-minimal-lru", "server-minimal-lfu" -> items = new ItemStore(1L << 30, 1 << 20,
          store.endsWith("lru") ? Eviction.LRU : Eviction.LFU, Clock.systemUTC(), new ServerStats());
      case "concurrent-hash-map" -> map = new ConcurrentHashMap<>();
      default -> throw new IllegalArgumentException("unknown store " + store);
    }
    for (byte[] key : keys) {
      set(key);
    }
  }

  /** Looks up a present key. */
  @Benchmark
  public Object get(Cursor cursor) {
    byte[] key = keys[cursor.next()];
    if (items != null) {
      return items.get(key, 0, key.length, cursor.read) ? cursor.read : null;
    }
    return map.get(ByteBuffer.wrap(key));
  }

  /** Replaces a present key with a new 100-byte value. */
  @Benchmark
  public Object set(Cursor cursor) {
    return set(keys[cursor.next()]);
  }

  private Object set(byte[] key) {
    if (items != null) {
      int item = items.allocate(key, 0, key.length, 0, 0, VALUE_SIZE);
      items.fill(item, 0, valueAndCrlf, 0, valueAndCrlf.length);
      return items.store(StoreMode.SET, item, 0);
    }
    return map.put(ByteBuffer.wrap(key), valueAndCrlf.clone());
  }
}
