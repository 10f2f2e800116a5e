package io.cacheman.reliability.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.Cache;
import io.cacheman.CacheTimeoutException;
import io.cacheman.Cacheman;
import io.cacheman.MultiGetResult;
import io.cacheman.NodeState;
import io.cacheman.Transcoders;
import io.cacheman.config.CachemanConfig;
import io.cacheman.config.Hashing;
import io.cacheman.config.NodeAddress;
import io.cacheman.reliability.testing.Expect;
import io.cacheman.reliability.workload.SchedulingNoise;
import io.cacheman.reliability.workload.CheckedValue;
import io.cacheman.reliability.workload.Checker;
import io.cacheman.reliability.workload.Checker.Phase;
import io.cacheman.reliability.workload.FaultLog;
import io.cacheman.reliability.workload.KeyHomes;
import io.cacheman.reliability.workload.Report;
import io.cacheman.reliability.workload.Workload;
import io.cacheman.reliability.workload.WorkloadSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * RELIABILITY §B 3, 4, 5 and 13 on real node processes: {@code kill -9} under load, a node frozen
 * by SIGSTOP, recovery by SIGCONT or restart, and a multi-get while one node hangs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProcessFaultsTest {
  private static final int NODES = 3;
  private static final int MAX_IN_FLIGHT = 64;
  private NodeProcesses nodes;
  private CachemanConfig config;

  @BeforeAll
  void startNodes() {
    nodes = NodeProcesses.start(NODES);
    List<NodeAddress> addresses = nodes.addresses();
    config = CachemanConfig.builder().nodes(addresses).hashing(Hashing.KETAMA).operationTimeout(LocalNodes.OP_TIMEOUT)
        .connectTimeout(LocalNodes.OP_TIMEOUT).retryInterval(LocalNodes.RETRY_INTERVAL)
        .failureThreshold(LocalNodes.FAILURE_THRESHOLD).maxInFlightPerConnection(MAX_IN_FLIGHT)
        .compressionThreshold(0).build();
  }

  @AfterAll
  void stopNodes() {
    nodes.close();
  }

  @BeforeEach
  void everyNodeRuns() {
    nodes.restartDead();
  }

  private String id(int i) {
    return "127.0.0.1:" + nodes.get(i).port();
  }

  private static WorkloadSettings shape(String prefix) {
    return WorkloadSettings.builder().threads(4).keys(1_200).prefix(prefix).prefill(true).multiGetRatio(0.05)
        .maxDuration(Duration.ofSeconds(20)).build();
  }

  @Test
  void killMinusNineUnderLoad() {
    Checker checker = new Checker();
    FaultLog faults = new FaultLog(NODES);
    try (SchedulingNoise noise = SchedulingNoise.start();
        Cache<byte[]> cache = Cacheman.builder().config(config).transcoder(Transcoders.bytes()).build();
        Workload w = Workload.start(cache, checker, faults, KeyHomes.of(config), shape("kill:"))) {
      Observe.runFor(Duration.ofMillis(1_500));
      faults.faultStarted(1);
      checker.phase(Phase.DURING);
      long killed = System.nanoTime();
      nodes.get(1).kill();
      Duration detect = Observe.nodeState(cache, id(1), NodeState.OUT, killed, Duration.ofSeconds(5));
      long errorsAtDetect = cache.admin().stats().node(id(1)).errors();
      Observe.runFor(Duration.ofMillis(1_000));
      nodes.get(1).restart();
      long restarted = System.nanoTime();
      Duration readmit = Observe.nodeState(cache, id(1), NodeState.UP, restarted, Duration.ofSeconds(5));
      faults.faultEnded(1);
      checker.phase(Phase.AFTER);
      Observe.runFor(Duration.ofMillis(1_000));
      w.close();
      Report r = checker.report();
      Observe.figures("B3 kill -9", "out of routing " + detect.toMillis() + " ms after the kill (node errors by then: "
          + errorsAtDetect + "), back " + readmit.toMillis() + " ms after the restart; breaker transitions "
          + cache.admin().stats().node(id(1)).breakerTransitions() + "; worst scheduling lateness "
          + noise.worstLateness().toMillis() + " ms\n" + r.summary());
      Observe.clean(r);
      Expect.atMost("slowest operation", r.slowest(), LocalNodes.OP_TIMEOUT.plusMillis(50).plus(noise.allowance()));
      assertEquals(0, r.errorsByType().getOrDefault("NodeUnavailableException", 0L),
          "redistribute mode with two live nodes must not fail a call as unavailable");
      Expect.atMost("p99 while the node dies", r.percentile(Phase.DURING, 99), LocalNodes.OP_TIMEOUT.multipliedBy(2));
      Expect.atMost("time to take the node out", detect,
          LocalNodes.OP_TIMEOUT.multipliedBy(LocalNodes.FAILURE_THRESHOLD).plus(noise.allowance()));
      Expect.atMost("time to re-admit after the restart", readmit,
          LocalNodes.RETRY_INTERVAL.multipliedBy(2).plus(noise.allowance()));
    }
  }

  @Test
  void sigstopHangAndSigcontRecovery() {
    Checker checker = new Checker();
    FaultLog faults = new FaultLog(NODES);
    AtomicInteger maxInFlight = new AtomicInteger();
    try (SchedulingNoise noise = SchedulingNoise.start();
        Cache<byte[]> cache = Cacheman.builder().config(config).transcoder(Transcoders.bytes()).build();
        Workload w = Workload.start(cache, checker, faults, KeyHomes.of(config), shape("hang:"))) {
      Observe.runFor(Duration.ofMillis(1_500));
      long heapBefore = Observe.heapAfterGc();
      faults.faultStarted(2);
      checker.phase(Phase.DURING);
      long paused = System.nanoTime();
      nodes.get(2).pause();
      Duration detect;
      try {
        detect = Observe.until("node 2 out of routing", paused, Duration.ofSeconds(5), () -> {
          maxInFlight.accumulateAndGet(cache.admin().stats().node(id(2)).inFlight(), Math::max);
          return cache.admin().stats().node(id(2)).state() != NodeState.UP;
        });
        Observe.until("1.5 s of hang", System.nanoTime(), Duration.ofMillis(2_500), () -> {
          maxInFlight.accumulateAndGet(cache.admin().stats().node(id(2)).inFlight(), Math::max);
          return Expect.since(paused).toMillis() >= 1_500;
        });
      } finally {
        nodes.get(2).resume();
      }
      long heapDuring = Observe.heapAfterGc();
      long resumed = System.nanoTime();
      Duration readmit = Observe.nodeState(cache, id(2), NodeState.UP, resumed, Duration.ofSeconds(5));
      faults.faultEnded(2);
      checker.phase(Phase.AFTER);
      Observe.runFor(Duration.ofMillis(1_500));
      w.close();
      Report r = checker.report();
      Observe.figures("B4/B5 SIGSTOP", "out of routing after " + detect.toMillis() + " ms, back " + readmit.toMillis()
          + " ms after SIGCONT; max in flight on the hung node " + maxInFlight.get() + " (bound "
          + MAX_IN_FLIGHT * config.connectionsPerNode() + "); heap after GC " + (heapBefore >> 20) + " -> "
          + (heapDuring >> 20) + " MB; worst scheduling lateness " + noise.worstLateness().toMillis() + " ms\n"
          + r.summary());
      Observe.clean(r);
      Expect.atMost("slowest operation", r.slowest(), LocalNodes.OP_TIMEOUT.plusMillis(50).plus(noise.allowance()));
      assertEquals(0, r.errorsByType().getOrDefault("NodeUnavailableException", 0L),
          "redistribute mode with two live nodes must not fail a call as unavailable");
      Expect.atMost("in flight on the hung node", maxInFlight.get(), MAX_IN_FLIGHT * config.connectionsPerNode());
      Expect.atMost("heap growth during the hang (MB)", (heapDuring - heapBefore) >> 20, 50);
      Expect.atMost("time to take the node out", detect,
          LocalNodes.OP_TIMEOUT.multipliedBy(LocalNodes.FAILURE_THRESHOLD).plusMillis(100).plus(noise.allowance()));
      Expect.atMost("time to re-admit after SIGCONT", readmit,
          LocalNodes.RETRY_INTERVAL.multipliedBy(2).plus(noise.allowance()));
      double before = r.hitRatio().get(Phase.BEFORE);
      double after = r.hitRatio().get(Phase.AFTER);
      Expect.atLeast("hit ratio after recovery x 1000 (baseline " + Math.round(before * 1000) + ")",
          Math.round(after * 1000), Math.round(before * 900));
    }
  }

  @Test
  void multiGetWithOneNodeHungReturnsPartialResultsByTheDeadline() {
    ToIntFunction<String> home = KeyHomes.of(config);
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      keys.add("bulk:" + i);
    }
    try (SchedulingNoise noise = SchedulingNoise.start();
        Cache<byte[]> cache = Cacheman.builder().config(config).transcoder(Transcoders.bytes()).build()) {
      for (String k : keys) {
        assertTrue(cache.set(k, CheckedValue.encode(k, 1, 100)));
      }
      Checker checker = new Checker();
      List<Long> took = new ArrayList<>();
      nodes.get(0).pause();
      try {
        for (int round = 0; round < 5; round++) {
          long start = System.nanoTime();
          MultiGetResult<byte[]> result = cache.getMultiResult(keys);
          took.add(Expect.since(start).toMillis());
          Map<String, byte[]> got = result.values();
          for (String k : keys) {
            byte[] v = got.get(k);
            checker.read(k, v);
            if (home.applyAsInt(k) != 0) {
              assertTrue(v != null, "round " + round + ": " + k + " lives on a healthy node and must be returned");
            } else if (round == 0) {
              // Still in routing: its chunk times out, and each of its keys says so. Later rounds
              // may find the node out of routing and read its keys (as misses) elsewhere.
              assertInstanceOf(CacheTimeoutException.class, result.failures().get(k),
                  k + " lives on the hung node and must be reported as timed out, not read as a miss");
            }
          }
          assertTrue(got.keySet().stream().allMatch(keys::contains), "a key that was not asked for");
        }
      } finally {
        nodes.get(0).resume();
      }
      long onHung = keys.stream().filter(k -> home.applyAsInt(k) == 0).count();
      Observe.figures("B13 bulk get", "5 multi-gets of 300 keys (" + onHung + " on the hung node) took " + took
          + " ms; " + checker.report().hits() + " values returned, all checked; worst scheduling lateness "
          + noise.worstLateness().toMillis() + " ms");
      Observe.clean(checker.report());
      for (long ms : took) {
        Expect.atMost("multi-get with a hung node (ms)", ms,
            LocalNodes.OP_TIMEOUT.plusMillis(20).plus(noise.allowance()).toMillis());
      }
      assertEquals(0, checker.report().wrongKey());
    }
  }
}
