package io.cacheman.reliability.soak;

import io.cacheman.reliability.workload.Checker.Phase;
import io.cacheman.reliability.workload.Report;
import java.time.Duration;
import java.util.List;

/** Formats a soak's figures as the Markdown sections of RELIABILITY.md §C. */
final class SoakReport {
  private SoakReport() {}

  /**
   * Everything a soak measured.
   *
   * @param evictions node evictions (each killed node's counter before its kill, plus every node's at the end)
   * @param expired node expiries, counted the same way
   * @param worstLateness the worst oversleep of a thread parking 5 ms at a time during the run
   * @param loadBefore {@code /proc/loadavg} when the run started
   * @param loadAfter {@code /proc/loadavg} when it ended
   * @param missReports for the first unexpected misses, what the home node held when asked directly
   */
  record Figures(SoakSettings settings, Duration took, Report report, List<FaultRecord> faults, int maxInFlight,
      long reconnects, long breakerTransitions, long[] peakRss, long rssBound, long maxClientHeap,
      double baselineHitRatio, int threadsBefore, int fdsBefore, int threadsAfter, int fdsAfter, long evictions,
      long expired, Duration worstLateness, String loadBefore, String loadAfter, List<String> missReports) {

    Figures withAfter(int threads, int fds) {
      return new Figures(settings, took, report, faults, maxInFlight, reconnects, breakerTransitions, peakRss,
          rssBound, maxClientHeap, baselineHitRatio, threadsBefore, fdsBefore, threads, fds, evictions, expired,
          worstLateness, loadBefore, loadAfter, missReports);
    }
  }

  static String markdown(Figures f) {
    SoakSettings s = f.settings();
    Report r = f.report();
    double seconds = f.took().toMillis() / 1000.0;
    StringBuilder md = new StringBuilder();
    md.append("## Soak: ").append(String.format("%.1f", seconds / 60)).append(" minutes, ").append(s.nodes())
        .append(s.pauseEveryOther() ? " nodes, a node killed or paused every " : " nodes, a node killed every ").append(s.killEvery().toSeconds()).append(" s\n\n");
    md.append("Hardware: ").append(Environment.describe()).append("\n\n");
    md.append(String.format("Machine load (1/5/15-minute load average): %s at the start, %s at the end; the worst "
        + "oversleep of a thread parking 5 ms at a time was %d ms (the machine is shared: that much lateness "
        + "any thread may meet).%n%n", f.loadBefore(), f.loadAfter(), f.worstLateness().toMillis()));
    md.append("### Load held\n\n");
    md.append(String.format("- %,.0f ops/s sustained for %.0f s (%,d operations), %d client threads, %d nodes "
            + "(-m %d MB each), target rate %s%n", r.operations() / seconds, seconds, r.operations(), s.threads(),
        s.nodes(), s.nodeMemoryMb(), s.rate() == 0 ? "unpaced" : String.format("%,d ops/s", s.rate())));
    md.append(String.format("- %,d keys, values %d..%d bytes (uniform), reads:writes %.0f:%.0f, %.0f%% of reads "
            + "as 10-key multi-gets; op timeout %d ms, retry interval %d ms, ketama, redistribute%n",
        s.keys(), s.minValueSize(), s.maxValueSize(), s.readRatio() * 100, (1 - s.readRatio()) * 100,
        s.multiGetRatio() * 100, s.opTimeout().toMillis(), s.retryInterval().toMillis()));
    md.append("\n| phase | ops | p50 | p99 | p999 | max | errors |\n|---|---|---|---|---|---|---|\n");
    for (Phase p : Phase.values()) {
      if (r.count(p) > 0) {
        md.append(String.format("| %s | %,d | %s | %s | %s | %s | %,d |%n", p.name().toLowerCase(), r.count(p),
            Report.ms(r.percentile(p, 50)), Report.ms(r.percentile(p, 99)), Report.ms(r.percentile(p, 99.9)),
            Report.ms(r.max(p)), r.errorsByPhase().get(p)));
      }
    }
    md.append("\n(before = until the first kill; during = from a kill until the node is back in routing; "
        + "after = the rest.)\n\n### Faults survived\n\n");
    md.append("| # | node | at | detected (out of routing) | re-admitted after restart | errors in window "
        + "| max latency in window | hit ratio back to 90% of baseline |\n|---|---|---|---|---|---|---|---|\n");
    int n = 1;
    for (FaultRecord fr : f.faults()) {
      md.append(String.format("| %d | %d | %.0f s | %s | %s | %,d | %.1f ms | %s |%n", n++, fr.node(), fr.atSeconds(),
          millis(fr.detectMillis()), millis(fr.readmitMillis()), fr.errors(), fr.maxLatencyMillis(),
          fr.hitRatioRecoverySeconds() < 0 ? "not within a third of the period"
              : String.format("%.0f s", fr.hitRatioRecoverySeconds())));
    }
    md.append(String.format("%n- errors by type: %s%n", r.errorsByType()));
    md.append(String.format("- max client queue depth (in flight on one node): %d%n", f.maxInFlight()));
    md.append(String.format("- reconnects: %d (%.1f/min); breaker transitions: %d%n", f.reconnects(),
        f.reconnects() / (seconds / 60), f.breakerTransitions()));
    md.append(String.format("- baseline hit ratio %.3f%n", f.baselineHitRatio()));
    md.append("\n### Nothing lost\n\n");
    md.append(String.format("- wrong-key values: %d; corrupted values: %d; phantom values: %d%n", r.wrongKey(),
        r.corrupted(), r.phantom()));
    md.append(String.format("- unexpected misses (acked, on a node never disturbed since): %d%s%n",
        r.unexpectedMisses(), r.firstUnexpectedMiss() == null ? "" : " (first: " + r.firstUnexpectedMiss() + ")"));
    for (String miss : f.missReports()) {
      md.append("  - ").append(miss).append('\n');
    }
    md.append(String.format("- stale reads (an older value after a failover): %,d; reads %,d (hits %,d, misses %,d)"
        + "; sets %,d (acked %,d)%n", r.stale(), r.reads(), r.hits(), r.misses(), r.writes(), r.acks()));
    md.append(String.format("- node evictions: %,d; expiries: %,d%n", f.evictions(), f.expired()));
    StringBuilder rss = new StringBuilder();
    for (long p : f.peakRss()) {
      rss.append(rss.length() == 0 ? "" : ", ").append(p >> 20).append(" MB");
    }
    md.append(String.format("- node peak RSS (VmHWM, per process, last incarnation before each kill included): "
        + "%s; documented bound 1.25 x M + 192 MB = %d MB%n", rss, f.rssBound() >> 20));
    md.append(String.format("- client JVM: heap peak %d MB; threads %d before, %d after; open FDs %d before, "
        + "%d after%n", f.maxClientHeap() >> 20, f.threadsBefore(), f.threadsAfter(), f.fdsBefore(), f.fdsAfter()));
    md.append(String.format("%nVerdict: %s%n", r.clean() ? "CLEAN" : "NOT CLEAN"));
    return md.toString();
  }

  /** The hour-long soak's additions: load, hostile traffic, the minute table and slopes. */
  static String hostileAndMinutes(SoakSettings settings, double peak, int offered, long hostileRequests,
      long binaryUnanswered, MinuteLog minutes) {
    StringBuilder md = new StringBuilder("\n### Load and hostile traffic\n\n");
    if (peak > 0) {
      md.append(String.format("- measured peak (unpaced, %d s): %,.0f ops/s; offered %,d ops/s (%.0f%%)%n",
          settings.peakFor().toSeconds(), peak, offered, 100.0 * offered / peak));
    }
    md.append(String.format("- hostile raw clients: %,d requests (%.0f%% of all requests asked for); binary "
        + "requests left unanswered for over a second: %,d%n", hostileRequests, 100 * settings.hostileShare(),
        binaryUnanswered));
    md.append(String.format("- faults: %s every %d s%n%n", settings.pauseEveryOther()
        ? "kill -9 and SIGSTOP/SIGCONT in turn" : "kill -9", settings.killEvery().toSeconds()));
    return md + minutes.markdown();
  }

  private static String millis(long ms) {
    return ms < 0 ? "never (30 s limit)" : ms + " ms";
  }
}
