package io.cacheman.reliability.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cacheman.Cache;
import io.cacheman.Cacheman;
import io.cacheman.Transcoders;
import io.cacheman.config.CachemanConfig;
import io.cacheman.reliability.proxy.Direction;
import io.cacheman.reliability.proxy.Toxic;
import io.cacheman.reliability.testing.Expect;
import io.cacheman.reliability.workload.Checker;
import io.cacheman.reliability.workload.FaultLog;
import io.cacheman.reliability.workload.KeyHomes;
import io.cacheman.reliability.workload.Report;
import io.cacheman.reliability.workload.Workload;
import io.cacheman.reliability.workload.WorkloadSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * RELIABILITY §B 7: every reply (and request) cut into 1–3 byte segments 10 µs apart. Every
 * operation succeeds with the right value; the reply parser never fails.
 */
class SlicedRepliesTest {

  @Test
  void slicedTrafficGivesOnlyCorrectResults() {
    try (LocalNodes nodes = LocalNodes.start(2)) {
      for (int i = 0; i < nodes.size(); i++) {
        nodes.proxy(i).everywhere(Direction.DOWNSTREAM, Toxic.slicer(1, 3, Duration.ofNanos(10_000)));
        nodes.proxy(i).everywhere(Direction.UPSTREAM, Toxic.slicer(1, 3, Duration.ofNanos(10_000)));
      }
      // Slicing is the fault, not slowness: a 4 KB value takes ~2,000 slices, so allow a second.
      CachemanConfig config = nodes.config().operationTimeout(Duration.ofSeconds(1)).build();
      Checker checker = new Checker();
      WorkloadSettings shape = WorkloadSettings.builder().threads(3).keys(60).prefill(true)
          .valueSizes(16, 1_024).multiGetRatio(0.1).maxDuration(Duration.ofSeconds(6)).build();
      try (Cache<byte[]> cache = Cacheman.builder().config(config).transcoder(Transcoders.bytes()).build();
          Workload w = Workload.start(cache, checker, new FaultLog(2), KeyHomes.of(config), shape)) {
        Observe.until("the workload's end", System.nanoTime(), Duration.ofSeconds(30), () -> !w.isRunning());
        Report r = checker.report();
        Observe.figures("B7 sliced", r.summary());
        Observe.clean(r);
        assertEquals(0, r.errors(), "errors under slicing: " + r.errorsByType());
        assertEquals(0, r.stale());
        Expect.atLeast("reads", r.reads(), 50);
        Expect.atLeast("hits (values checked byte for byte)", r.hits(), 30);
      }
    }
  }
}
