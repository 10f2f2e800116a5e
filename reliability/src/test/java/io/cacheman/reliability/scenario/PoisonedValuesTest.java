package io.cacheman.reliability.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.Cache;
import io.cacheman.CacheTimeoutException;
import io.cacheman.CacheTranscodingException;
import io.cacheman.CachedData;
import io.cacheman.Cacheman;
import io.cacheman.CachemanException;
import io.cacheman.config.CachemanConfig;
import io.cacheman.config.NodeAddress;
import io.cacheman.reliability.testing.Expect;
import io.cacheman.reliability.workload.SchedulingNoise;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RELIABILITY §B 17: values crafted to exhaust the reader (gzip bombs, a huge declared array, a
 * nested-collection bomb, a look-up-on-hashCode gadget, a VALUE header beyond the size limit),
 * read by a client with the default settings and transcoder. Each read fails with a typed
 * {@link CachemanException} by its deadline; neither the heap after GC nor what the JVM allocated
 * during the call comes near what the value claims; the client goes on working.
 *
 * <p>The limits: {@code cacheman.max-value-size} (1 MiB by default) bounds what a reply may
 * declare and what a compressed value may inflate to; the default serialization filter bounds depth
 * (20), objects, bytes and arrays and leaves out {@code java.net}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PoisonedValuesTest {
  private static final Duration OP_TIMEOUT = Duration.ofSeconds(1);
  private static final long MB = 1 << 20;
  private static final long HEAP_GROWTH_LIMIT = 20 * MB;
  /** 32 × the 1 MiB value limit: room for a bounded inflate and buffers, far below any claim here. */
  private static final long ALLOCATION_LIMIT = 32 * MB;

  /** The stored poisons, read through the default transcoder. */
  enum Value {
    LONG_ARRAY_CLAIMING_200_MILLION(Poisons::longArrayClaimingTwoHundredMillion),
    URL_KEYED_MAP(Poisons::urlKeyedMap),
    GZIP_INFLATING_TO_250_MB(Poisons::inflatingTo250Megabytes),
    NESTED_SETS(Poisons::nestedSets);

    final Supplier<CachedData> make;

    Value(Supplier<CachedData> make) {
      this.make = make;
    }
  }

  /** How one read went: its value or failure, its time, and what it did to the heap. */
  private record Outcome(Object value, Throwable failure, Duration took, long heapGrowth, long allocated) {
    String describe() {
      String result = failure != null ? failure.getClass().getSimpleName() + ": " + failure.getMessage()
          : value == null ? "a miss" : "a value (" + describeValue(value) + ")";
      return result + " in " + took.toMillis() + " ms; heap after GC " + (heapGrowth >= 0 ? "+" : "")
          + heapGrowth / MB + " MB, allocated during the call " + allocated / MB + " MB";
    }
  }

  private final ExecutorService callers = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "poisoned-read");
    t.setDaemon(true);
    return t;
  });
  private LocalNodes nodes;
  private Cache<Object> cache;
  private Cache<CachedData> raw;

  @BeforeAll
  void start() {
    nodes = LocalNodes.start(1);
    CachemanConfig config = CachemanConfig.builder().nodes(nodes.address(0)).operationTimeout(OP_TIMEOUT).build();
    cache = Cacheman.builder().config(config).build();
    raw = Cacheman.builder().config(config).transcoder(Poisons.RAW).build();
  }

  @AfterAll
  void stop() {
    raw.close();
    cache.close();
    nodes.close();
    callers.shutdownNow();
  }

  @ParameterizedTest
  @EnumSource(Value.class)
  void aPoisonedValueFailsTypedByItsDeadlineAndLeavesTheHeapAlone(Value poison) {
    CachedData data = poison.make.get();
    String key = "poison:" + poison;
    assertTrue(raw.set(key, data), "storing the poison (" + data.data().length + " bytes)");
    try (SchedulingNoise noise = SchedulingNoise.start()) {
      Outcome o = measure(() -> cache.get(key));
      Observe.figures("B17 poisoned", poison + " (" + data.data().length + " bytes, flags 0x"
          + Integer.toHexString(data.flags()) + "): " + o.describe() + "; worst scheduling lateness "
          + noise.worstLateness().toMillis() + " ms");
      assertInstanceOf(CacheTranscodingException.class, o.failure(), "reading " + poison + " gave " + o.describe());
      if (poison == Value.URL_KEYED_MAP) {
        assertTrue(o.failure().getMessage().contains("java.net.URL"),
            "the serialization filter must refuse java.net.URL by name: " + o.failure().getMessage());
      }
      assertInTimeAndHeapAlone(o, noise);
    }
    assertStillWorks(cache, "after:" + poison);
  }

  /**
   * A reply whose VALUE header declares more than the client accepts: refused when the header
   * arrives, not waited for (which would end in a timeout) and not buffered. 2,000,000,000 bytes
   * (with nothing behind the header) and 100 MiB (with 8 MiB sent, then silence).
   */
  @ParameterizedTest
  @ValueSource(longs = {2_000_000_000L, 100L << 20})
  void aValueHeaderBeyondTheSizeLimitIsRefusedWhenItArrives(long declared) throws IOException {
    try (MisbehavingServer server = new MisbehavingServer();
        Cache<Object> odd = Cacheman.builder().config(CachemanConfig.builder()
            .nodes(NodeAddress.of("127.0.0.1", server.port())).operationTimeout(OP_TIMEOUT).build()).build();
        SchedulingNoise noise = SchedulingNoise.start()) {
      assertStillWorks(odd, "before");
      server.replyToNextGet(Poisons.valueHeader("k", declared, declared < (1L << 30) ? (int) (8 * MB) : 0));
      Outcome o = measure(() -> odd.get("k"));
      Observe.figures("B17 poisoned", "VALUE header declaring " + declared + " bytes: " + o.describe()
          + "; worst scheduling lateness " + noise.worstLateness().toMillis() + " ms");
      assertInstanceOf(CachemanException.class, o.failure(), "a VALUE header of " + declared + " bytes gave "
          + o.describe());
      assertFalse(o.failure() instanceof CacheTimeoutException, "a header declaring more than "
          + "cacheman.max-value-size must be refused when it arrives, not waited out: " + o.describe());
      assertInTimeAndHeapAlone(o, noise);
      assertStillWorks(odd, "after");
    }
  }

  /**
   * Runs {@code read} on a thread of its own (a decode that never ends must not hang the suite),
   * waiting a bounded time, and measures the heap around it.
   */
  private Outcome measure(Supplier<Object> read) {
    long heapBefore = Observe.heapAfterGc();
    Map<Long, Long> allocation = Observe.allocatedByThread();
    long start = System.nanoTime();
    CompletableFuture<Object> call = CompletableFuture.supplyAsync(read, callers);
    Object value = null;
    Throwable failure = null;
    try {
      value = call.get(OP_TIMEOUT.multipliedBy(10).toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      failure = e.getCause();
    } catch (TimeoutException e) {
      failure = new AssertionError("the read did not return within 10 x its timeout (it is still running)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    Duration took = Expect.since(start);
    long allocated = Observe.allocatedSince(allocation);
    long heapGrowth = Observe.heapAfterGc() - heapBefore;
    return new Outcome(value, failure, took, heapGrowth, allocated);
  }

  private static void assertInTimeAndHeapAlone(Outcome o, SchedulingNoise noise) {
    Expect.atMost("time to fail", o.took(), OP_TIMEOUT.plusMillis(50).plus(noise.allowance()));
    Expect.atMost("heap growth after GC (MB)", o.heapGrowth() / MB, HEAP_GROWTH_LIMIT / MB);
    Expect.atMost("bytes allocated during the call (MB)", o.allocated() / MB, ALLOCATION_LIMIT / MB);
  }

  private static void assertStillWorks(Cache<Object> cache, String key) {
    assertTrue(cache.set(key, "fine"), "a set on the same client afterwards");
    assertEquals("fine", cache.get(key), "a get on the same client afterwards");
  }

  private static String describeValue(Object value) {
    if (value instanceof byte[] b) {
      return b.length + " bytes";
    }
    String s = String.valueOf(value);
    return value.getClass().getName() + " " + (s.length() > 60 ? s.substring(0, 60) + "…" : s);
  }
}
