package io.cacheman.reliability.scenario;

import io.cacheman.Cache;
import io.cacheman.Cacheman;
import io.cacheman.NodeState;
import io.cacheman.Transcoders;
import io.cacheman.config.CachemanConfig;
import io.cacheman.reliability.testing.Expect;
import io.cacheman.reliability.workload.Checker;
import io.cacheman.reliability.workload.Checker.Phase;
import io.cacheman.reliability.workload.FaultLog;
import io.cacheman.reliability.workload.KeyHomes;
import io.cacheman.reliability.workload.Report;
import io.cacheman.reliability.workload.SchedulingNoise;
import io.cacheman.reliability.workload.Workload;
import io.cacheman.reliability.workload.WorkloadSettings;
import java.time.Duration;

/**
 * The timeline of RELIABILITY §B 16 (a node returns with old data), shared by the SIGSTOP and the
 * partition scenarios: checked traffic; one node cut off well past the failure threshold, so the
 * client writes its keys to stand-ins; the cut healed; the node back in routing; more traffic.
 *
 * <p>The checker's phases: {@link Phase#DURING} from the cut until this client shows the node
 * {@link NodeState#UP} again, {@link Phase#AFTER} from then on. Reads are counted under the phase
 * they started in, so {@code report.stale(AFTER)} is "reads older than the last acknowledged write,
 * after the node is back in routing" — 0 for one client process once the client deletes (or
 * flushes) on the returning node what it wrote elsewhere meanwhile.
 */
final class NodeReturn {
  /** Issue #13's setting for these scenarios. */
  static final Duration OP_TIMEOUT = Duration.ofMillis(300);
  /** Far past the failure threshold (3 × 300 ms) and several probe intervals. */
  static final Duration CUT = Duration.ofSeconds(6);
  private static final Duration BEFORE = Duration.ofMillis(1_500);
  private static final Duration AFTER = Duration.ofSeconds(3);

  /** A way to take one node off the network and give it back. */
  interface Cut {
    void start();

    void heal();
  }

  /** What one run measured. */
  record Figures(Report report, Duration detect, Duration readmit, SchedulingNoise noise) {
    /** Stale reads started once the node was back in routing. */
    long staleAfterReturn() {
      return report.stale(Phase.AFTER);
    }
  }

  private NodeReturn() {}

  /**
   * Client settings for §B 16: ketama, {@link #OP_TIMEOUT} (also to connect), the scenarios'
   * retry interval and failure threshold, no compression (values are checked byte for byte).
   */
  static CachemanConfig.Builder settings(CachemanConfig.Builder nodes) {
    return nodes.hashing(io.cacheman.config.Hashing.KETAMA).operationTimeout(OP_TIMEOUT).connectTimeout(OP_TIMEOUT)
        .retryInterval(LocalNodes.RETRY_INTERVAL).failureThreshold(LocalNodes.FAILURE_THRESHOLD)
        .compressionThreshold(0);
  }

  /**
   * Runs the timeline with 8 checked threads on keys {@code prefix + i}, cutting node
   * {@code victim} off with {@code cut}; prints the figures under {@code scenario} and returns them.
   */
  static Figures run(String scenario, CachemanConfig config, int victim, Cut cut, String prefix) {
    String id = config.nodes().get(victim).id();
    Checker checker = new Checker();
    FaultLog faults = new FaultLog(config.nodes().size());
    WorkloadSettings shape = WorkloadSettings.builder().threads(8).keys(1_200).prefix(prefix).prefill(true)
        .maxDuration(Duration.ofSeconds(40)).build();
    try (SchedulingNoise noise = SchedulingNoise.start();
        Cache<byte[]> cache = Cacheman.builder().config(config).transcoder(Transcoders.bytes()).build();
        Workload w = Workload.start(cache, checker, faults, KeyHomes.of(config), shape)) {
      Observe.runFor(BEFORE);
      faults.faultStarted(victim);
      checker.phase(Phase.DURING);
      long cutAt = System.nanoTime();
      cut.start();
      Duration detect;
      try {
        detect = Observe.until("node " + id + " out of routing", cutAt, Duration.ofSeconds(5),
            () -> cache.admin().stats().node(id).state() != NodeState.UP);
        Observe.until("the cut to last " + CUT, cutAt, CUT.plusSeconds(2), () -> Expect.since(cutAt).compareTo(CUT) >= 0);
      } finally {
        cut.heal();
      }
      long healed = System.nanoTime();
      Duration readmit = Observe.nodeState(cache, id, NodeState.UP, healed, Duration.ofSeconds(10));
      faults.faultEnded(victim);
      checker.phase(Phase.AFTER);
      Observe.runFor(AFTER);
      w.close();
      Report r = checker.report();
      Observe.figures(scenario, "onReturn " + config.onReturn() + ", returnLogSize " + config.returnLogSize()
          + ": out of routing " + detect.toMillis() + " ms after the cut, back " + readmit.toMillis()
          + " ms after it healed; stale reads after the return " + r.stale(Phase.AFTER) + " (during "
          + r.stale(Phase.DURING) + "); breaker transitions " + cache.admin().stats().node(id).breakerTransitions()
          + "; worst scheduling lateness " + noise.worstLateness().toMillis() + " ms\n" + r.summary());
      return new Figures(r, detect, readmit, noise);
    }
  }

  /**
   * What holds whatever the return policy: nothing that must never happen (wrong key, corruption,
   * phantom, unexpected miss), and no call outlived its deadline by more than the measured
   * lateness. (Errors by type are printed, not asserted: on a loaded machine a stall can take the
   * healthy nodes out too, and then a call may rightly fail as unavailable.)
   */
  static void assertSafeAndInTime(Figures f) {
    Observe.clean(f.report());
    Expect.atMost("slowest call", f.report().slowest(), OP_TIMEOUT.plusMillis(50).plus(f.noise().allowance()));
  }
}
