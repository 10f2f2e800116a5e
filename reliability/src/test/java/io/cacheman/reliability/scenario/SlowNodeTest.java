package io.cacheman.reliability.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cacheman.Cache;
import io.cacheman.CacheTimeoutException;
import io.cacheman.Cacheman;
import io.cacheman.CachemanException;
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
 * RELIABILITY §B 6: a node whose replies come 2 × opTimeout late. Each timeout closes its
 * connection, so no later operation can take an earlier one's late reply.
 */
class SlowNodeTest {

  @Test
  void everyTimeoutClosesItsConnection() {
    try (LocalNodes nodes = LocalNodes.start(1)) {
      FaultProxy proxy = nodes.proxy(0);
      CachemanConfig config = nodes.config().failureThreshold(1_000).build();
      try (SchedulingNoise noise = SchedulingNoise.start();
          Cache<String> cache = Cacheman.builder().config(config).transcoder(Transcoders.string()).build()) {
        cache.set("slow", "value");
        proxy.everywhere(Direction.DOWNSTREAM, Toxic.latency(LocalNodes.OP_TIMEOUT.multipliedBy(2)));
        int timeouts = 0;
        for (int i = 0; i < 8; i++) {
          long start = System.nanoTime();
          CachemanException e = Expect.fails(() -> cache.get("slow"));
          Duration took = Expect.since(start);
          if (e instanceof CacheTimeoutException) {
            timeouts++;
            Expect.atMost("a timed-out get", took, LocalNodes.OP_TIMEOUT.plusMillis(50).plus(noise.allowance()));
          }
        }
        proxy.clear();
        int timedOut = timeouts;
        // The client closes a connection on the I/O tick after the deadline; give the close a moment to land.
        Observe.until("the timed-out connections to close", System.nanoTime(), Duration.ofSeconds(2),
            () -> proxy.acceptedConnections() - proxy.connections().size() >= timedOut);
        long closed = proxy.acceptedConnections() - proxy.connections().size();
        Observe.figures("B6 slow", "timeouts " + timeouts + " (client stats: " + cache.admin().stats().total().timeouts()
            + "), proxied connections closed " + closed + " of " + proxy.acceptedConnections() + " opened");
        Expect.atLeast("timeouts", timeouts, 4);
        Expect.atLeast("connections closed", closed, timeouts);
        Observe.until("a get after the latency is gone", System.nanoTime(), Duration.ofSeconds(5), () -> {
          try {
            return "value".equals(cache.get("slow"));
          } catch (CachemanException e) {
            return false;
          }
        });
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
