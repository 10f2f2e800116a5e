package io.cacheman.reliability.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.cacheman.Cache;
import io.cacheman.Cacheman;
import io.cacheman.CachemanException;
import io.cacheman.NodeState;
import io.cacheman.NodeUnavailableException;
import io.cacheman.Transcoders;
import io.cacheman.config.CachemanConfig;
import io.cacheman.config.FailoverMode;
import io.cacheman.config.NodeAddress;
import io.cacheman.reliability.testing.Expect;
import io.cacheman.reliability.workload.SchedulingNoise;
import io.cacheman.reliability.workload.CheckedValue;
import io.cacheman.reliability.workload.Checker;
import io.cacheman.reliability.workload.KeyHomes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RELIABILITY §B 2: a node that refuses connections from the start. Its operations fail within
 * 5 ms once the breaker is open (after at most 3 slow attempts), and the other nodes' latency
 * does not suffer.
 */
class NodeRefusedAtStartTest {
  private LocalNodes live;
  private NodeAddress dead;

  @BeforeEach
  void start() throws IOException {
    live = LocalNodes.start(2);
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      dead = NodeAddress.of("127.0.0.1", s.getLocalPort()); // closed again: connects are refused
    }
  }

  @AfterEach
  void stop() {
    live.close();
  }

  private CachemanConfig withDeadNode(FailoverMode mode) {
    CachemanConfig base = live.config().build();
    List<NodeAddress> nodes = new ArrayList<>(base.nodes());
    nodes.add(dead);
    return base.toBuilder().nodes(nodes).failoverMode(mode).build();
  }

  private static List<String> keysOn(ToIntFunction<String> home, int node, int n) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; keys.size() < n; i++) {
      if (home.applyAsInt("k" + i) == node) {
        keys.add("k" + i);
      }
    }
    return keys;
  }

  @Test
  void failFastRejectsTheDeadNodesOperationsWithinFiveMillisOnceItsBreakerIsOpen() {
    CachemanConfig config = withDeadNode(FailoverMode.FAIL_FAST);
    List<String> deadKeys = keysOn(KeyHomes.of(config), 2, 500);
    try (SchedulingNoise noise = SchedulingNoise.start();
        Cache<byte[]> cache = Cacheman.builder().config(config).transcoder(Transcoders.bytes()).build()) {
      int slowAttempts = 0;
      long start = System.nanoTime();
      int i = 0;
      for (; cache.admin().stats().node(dead.id()).state() == NodeState.UP; i++) {
        Expect.atMost("time for the breaker to open", Expect.since(start), Duration.ofSeconds(5));
        try {
          cache.get(deadKeys.get(i));
        } catch (NodeUnavailableException e) {
          break;
        } catch (CachemanException e) {
          slowAttempts++;
        }
      }
      Histogram rejected = new Histogram(3);
      long coldest = 0;
      for (int j = 0; j < 1_100; j++) {
        String key = deadKeys.get(j % deadKeys.size());
        long t = System.nanoTime();
        CachemanException e = Expect.fails(() -> cache.get(key));
        long nanos = System.nanoTime() - t;
        assertInstanceOf(NodeUnavailableException.class, e);
        if (j < 100) {
          coldest = Math.max(coldest, nanos); // the first rejections load and compile the failure path
        } else {
          rejected.recordValue(nanos);
        }
      }
      Observe.figures("B2 refused", "calls that failed before the breaker opened: " + slowAttempts
          + "; slowest of the first 100 rejections " + coldest / 1000 + " µs; the next 1,000: p50 " + rejected.getValueAtPercentile(50) / 1000 + " µs, p99 "
          + rejected.getValueAtPercentile(99) / 1000 + " µs, max " + rejected.getMaxValue() / 1000
          + " µs; worst scheduling lateness " + noise.worstLateness().toMillis() + " ms");
      Expect.atMost("calls that failed before the breaker opened", slowAttempts, LocalNodes.FAILURE_THRESHOLD);
      Expect.atMost("p99 of rejections", Duration.ofNanos(rejected.getValueAtPercentile(99)), Duration.ofMillis(5));
      // The slowest one is reported, not asserted: at a load average of 10 on 2 cores a thread can
      // wait hundreds of milliseconds for a core, which no client can prevent.
    }
  }

  @Test
  void theOtherNodesKeepTheirLatency() {
    // Latency is compared here, so a stall of this shared machine must not turn into a timeout.
    CachemanConfig withDead = withDeadNode(FailoverMode.REDISTRIBUTE).toBuilder()
        .operationTimeout(Duration.ofSeconds(2)).build();
    CachemanConfig healthy = live.config().operationTimeout(Duration.ofSeconds(2)).build();
    List<String> liveKeys = new ArrayList<>();
    ToIntFunction<String> home = KeyHomes.of(withDead);
    for (int i = 0; liveKeys.size() < 200; i++) {
      if (home.applyAsInt("k" + i) != 2) {
        liveKeys.add("k" + i);
      }
    }
    Checker checker = new Checker();
    try (SchedulingNoise noise = SchedulingNoise.start();
        Cache<byte[]> baseline = Cacheman.builder().config(healthy).transcoder(Transcoders.bytes()).build();
        Cache<byte[]> degraded = Cacheman.builder().config(withDead).transcoder(Transcoders.bytes()).build()) {
      for (String k : liveKeys) {
        baseline.set(k, CheckedValue.encode(k, 1, 100));
      }
      Histogram base = new Histogram(3);
      Histogram during = new Histogram(3);
      for (int round = 0; round < 40; round++) { // alternate, so machine noise hits both alike
        for (String k : liveKeys.subList(0, 50)) {
          long t = System.nanoTime();
          checker.read(k, baseline.get(k));
          base.recordValue(System.nanoTime() - t);
          t = System.nanoTime();
          checker.read(k, degraded.get(k));
          during.recordValue(System.nanoTime() - t);
        }
      }
      long p99Base = base.getValueAtPercentile(99);
      long p99During = during.getValueAtPercentile(99);
      long slack = Math.max(1_000_000, noise.allowance().toNanos());
      Observe.figures("B2 refused", "other nodes' get p99: " + p99Base / 1000 + " µs healthy, " + p99During / 1000
          + " µs with a dead node configured; p50 " + base.getValueAtPercentile(50) / 1000 + " / "
          + during.getValueAtPercentile(50) / 1000 + " µs; worst scheduling lateness "
          + noise.worstLateness().toMillis() + " ms");
      Observe.clean(checker.report());
      assertEquals(0, checker.report().misses());
      // Within 10% of the baseline, or within the machine's measured lateness (at least 1 ms) when
      // that is larger: a p99 of a few milliseconds on a loaded shared machine is mostly scheduling.
      Expect.atMost("p99 with a dead node (µs)", p99During / 1000,
          Math.max(p99Base * 11 / 10, p99Base + slack) / 1000);
    }
  }
}
