package io.cacheman.reliability.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.cacheman.Cache;
import io.cacheman.CacheTimeoutException;
import io.cacheman.Cacheman;
import io.cacheman.CachemanException;
import io.cacheman.NodeUnavailableException;
import io.cacheman.Transcoders;
import io.cacheman.config.CachemanConfig;
import io.cacheman.reliability.proxy.Direction;
import io.cacheman.reliability.proxy.FaultProxy;
import io.cacheman.reliability.proxy.Toxic;
import io.cacheman.reliability.testing.Expect;
import io.cacheman.reliability.workload.SchedulingNoise;
import io.cacheman.reliability.workload.Checker;
import io.cacheman.reliability.workload.FaultLog;
import io.cacheman.reliability.workload.KeyHomes;
import io.cacheman.reliability.workload.Report;
import io.cacheman.reliability.workload.Workload;
import io.cacheman.reliability.workload.WorkloadSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * RELIABILITY §B 6: a node whose replies come 2 × opTimeout late. Each call fails alone at its
 * deadline, its late reply is read and dropped (never taken for a later call's), and a node that
 * stays this slow leaves routing; once the latency is gone it comes back and every key reads its
 * own value. One slow reply among many is {@link OneSlowReplyTest}.
 */
class SlowNodeTest {

  @Test
  void aPersistentlySlowNodeTimesOutCallByCallLeavesRoutingAndComesBackClean() {
    try (LocalNodes nodes = LocalNodes.start(1)) {
      FaultProxy proxy = nodes.proxy(0);
      CachemanConfig config = nodes.config().build();
      String node = config.nodes().get(0).id();
      try (SchedulingNoise noise = SchedulingNoise.start();
          Cache<String> cache = Cacheman.builder().config(config).transcoder(Transcoders.string()).build();
          NodeStateLog routing = NodeStateLog.watch(cache, node, c -> { })) {
        for (int i = 0; i < 8; i++) {
          cache.set("slow" + i, "value" + i);
        }
        proxy.everywhere(Direction.DOWNSTREAM, Toxic.latency(LocalNodes.OP_TIMEOUT.multipliedBy(2)));
        long slowSince = System.nanoTime();
        int timeouts = 0;
        int unavailable = 0;
        for (int i = 0; i < 8; i++) {
          long start = System.nanoTime();
          String key = "slow" + i;
          CachemanException e = Expect.fails(() -> cache.get(key));
          Duration took = Expect.since(start);
          Expect.atMost("a call to the slow node", took, LocalNodes.OP_TIMEOUT.plusMillis(50).plus(noise.allowance()));
          if (e instanceof CacheTimeoutException) {
            timeouts++;
          } else if (e instanceof NodeUnavailableException) {
            unavailable++;
          } else {
            throw new AssertionError("a call to a slow node failed with " + e, e);
          }
        }
        String calls = "timeouts " + timeouts + ", unavailable " + unavailable;
        // the watcher polls the client's stats every millisecond, and under the scheduling noise it
        // may not have run since the node left routing (seen once: 5 calls refused, no change logged)
        Observe.until("the watcher seeing the node out of routing", System.nanoTime(), Duration.ofSeconds(2),
            () -> routing.firstNotUp() != null, () -> "(" + calls + ")");
        NodeStateLog.Change out = routing.firstNotUp();
        Observe.figures("B6 slow", "timeouts " + timeouts + ", unavailable " + unavailable + ", out of routing "
            + (out == null ? "never" : Duration.ofNanos(out.nanos() - slowSince).toMillis() + " ms after the latency began"));
        Expect.atLeast("timeouts before the node left routing", timeouts, LocalNodes.FAILURE_THRESHOLD);
        assertNotNull(out, "a node slow on every call must leave routing");
        proxy.clear();
        long clearedAt = System.nanoTime();
        Observe.until("the node back in routing", clearedAt, Duration.ofSeconds(5), () -> routing.upSince(clearedAt) >= 0);
        for (int i = 0; i < 8; i++) {
          assertEquals("value" + i, cache.get("slow" + i), "each key reads its own value, never an earlier call's reply");
        }
      }
    }
  }

  @Test
  void noOperationEverTakesAnEarlierOnesLateReply() {
    try (LocalNodes nodes = LocalNodes.start(2)) {
      CachemanConfig config = nodes.config().failureThreshold(100_000).build();
      Checker checker = new Checker();
      FaultLog faults = new FaultLog(2);
      faults.faultStarted(0); // node 0 is slow for the whole run: its misses are expected
      // Replies straddle the deadline: some arrive just in time, some just too late.
      nodes.proxy(0).everywhere(Direction.DOWNSTREAM,
          Toxic.latency(LocalNodes.OP_TIMEOUT.minusMillis(20), Duration.ofMillis(60)));
      WorkloadSettings shape = WorkloadSettings.builder().threads(4).keys(40).readRatio(0.7).prefill(true)
          .multiGetRatio(0.1).maxDuration(Duration.ofSeconds(4)).build();
      try (Cache<byte[]> cache = Cacheman.builder().config(config).transcoder(Transcoders.bytes()).build();
          Workload w = Workload.start(cache, checker, faults, KeyHomes.of(config), shape)) {
        Observe.until("the workload's end", System.nanoTime(), Duration.ofSeconds(30), () -> !w.isRunning());
        Report r = checker.report();
        Observe.figures("B6 slow", r.summary());
        Observe.clean(r);
        assertEquals(0, r.stale(), "a stale value on a slow node means a reply was matched to the wrong request");
        Expect.atLeast("timeouts", r.errorsByType().getOrDefault("CacheTimeoutException", 0L), 1);
        Expect.atLeast("successful reads", r.hits(), 20);
      }
    }
  }
}
