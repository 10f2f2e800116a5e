package io.cacheman.reliability.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cacheman.AsyncCache;
import io.cacheman.CacheOverloadedException;
import io.cacheman.Cacheman;
import io.cacheman.Transcoders;
import io.cacheman.config.CachemanConfig;
import io.cacheman.reliability.proxy.Direction;
import io.cacheman.reliability.proxy.Toxic;
import io.cacheman.reliability.testing.Expect;
import io.cacheman.reliability.workload.CheckedValue;
import io.cacheman.reliability.workload.Checker;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * RELIABILITY §B 12: offered load far above what a node can take. The excess is rejected at once
 * with {@link CacheOverloadedException} (not queued), every rejection is counted, the heap stays
 * bounded, and the accepted operations still return correct values. Five seconds here, ten minutes
 * in the spec: the bound is what is tested, and it is reached within milliseconds.
 */
class OverloadTest {
  private static final int MAX_IN_FLIGHT = 32;

  @Test
  void theExcessIsRejectedAtOnceAndTheHeapStaysBounded() throws InterruptedException {
    try (LocalNodes nodes = LocalNodes.start(1)) {
      // 50 ms per round trip and 32 in flight on one connection: capacity ~640 ops/s.
      nodes.proxy(0).everywhere(Direction.DOWNSTREAM, Toxic.latency(Duration.ofMillis(50)));
      CachemanConfig config = nodes.config().connectionsPerNode(1).maxInFlightPerConnection(MAX_IN_FLIGHT)
          .operationTimeout(Duration.ofSeconds(1)).failureThreshold(1_000).build();
      Checker checker = new Checker();
      LongAdder offered = new LongAdder();
      LongAdder rejected = new LongAdder();
      LongAdder other = new LongAdder();
      ConcurrentHistogram rejectNanos = new ConcurrentHistogram(3);
      AtomicLong heapPeak = new AtomicLong();
      ConcurrentLinkedQueue<CompletableFuture<Void>> accepted = new ConcurrentLinkedQueue<>();
      long heapBefore = Observe.heapAfterGc();
      try (AsyncCache<byte[]> cache = Cacheman.builder().config(config).transcoder(Transcoders.bytes()).buildAsync()) {
        cache.sync().set("hot", CheckedValue.encode("hot", 1, 200));
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        Runnable flood = () -> {
          while (System.nanoTime() - end < 0 && offered.sum() < 3_000_000) {
            offered.increment();
            long start = System.nanoTime();
            CompletionStage<Void> outcome = cache.get("hot").handle((v, t) -> {
              Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
              if (cause == null) {
                checker.read("hot", v);
              } else if (cause instanceof CacheOverloadedException) {
                rejected.increment(); // timed from the call to the moment the caller learns of it
                rejectNanos.recordValue(System.nanoTime() - start);
              } else {
                other.increment();
              }
              return null;
            });
            accepted.add(outcome.toCompletableFuture());
            if (accepted.size() > 10_000) {
              accepted.poll().join(); // bound what the test itself holds
            }
            if ((offered.sum() & 0xfff) == 0) {
              heapPeak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
            }
          }
        };
        Thread a = new Thread(flood, "flood-a");
        Thread b = new Thread(flood, "flood-b");
        a.start();
        b.start();
        Thread.sleep(2_500); // measure what the flood holds on to, halfway through
        long heapDuring = Observe.heapAfterGc();
        a.join();
        b.join();
        for (CompletableFuture<?> f : accepted) {
          f.join();
        }
        long counted = cache.admin().stats().total().rejected();
        Histogram r = rejectNanos.copy();
        Observe.figures("B12 overload", String.format("offered %,d in 5 s, rejected %,d (client counted %,d), "
                + "other failures %,d, reads judged %,d; rejection time p50 %d µs, p99 %d µs, p99.9 %d µs, max %d µs; "
                + "heap after GC: %d MB before, %d MB during; peak used %d MB", offered.sum(), rejected.sum(), counted, other.sum(),
            checker.report().reads(), r.getValueAtPercentile(50) / 1000, r.getValueAtPercentile(99) / 1000,
            r.getValueAtPercentile(99.9) / 1000, r.getMaxValue() / 1000, heapBefore >> 20, heapDuring >> 20,
            heapPeak.get() >> 20));
        Expect.atLeast("rejections", rejected.sum(), offered.sum() / 2);
        Expect.atLeast("offered operations", offered.sum(), 20_000);
        assertEquals(rejected.sum(), counted, "every rejection is counted in the client's stats");
        Expect.atMost("p99 of a rejection (µs)", r.getValueAtPercentile(99) / 1000, 1_000);
        Observe.clean(checker.report());
        Expect.atLeast("accepted reads that returned the value", checker.report().hits(), 100);
        Expect.atMost("heap growth while flooded, after GC (MB)", (heapDuring - heapBefore) >> 20, 64);
        Expect.atMost("heap growth after the flood (MB)", (Observe.heapAfterGc() - heapBefore) >> 20, 50);
      }
    }
  }
}
