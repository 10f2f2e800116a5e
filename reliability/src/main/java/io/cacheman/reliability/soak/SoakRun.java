package io.cacheman.reliability.soak;

import io.cacheman.Cache;
import io.cacheman.Cacheman;
import io.cacheman.NodeState;
import io.cacheman.Transcoders;
import io.cacheman.config.CachemanConfig;
import io.cacheman.config.FailoverMode;
import io.cacheman.config.Hashing;
import io.cacheman.config.NodeAddress;
import io.cacheman.reliability.node.NodeProcess;
import io.cacheman.reliability.node.NodeSpec;
import io.cacheman.server.JvmSizing;
import io.cacheman.server.ServerConfig;
import io.cacheman.reliability.node.Probe;
import io.cacheman.reliability.node.ProcStatus;
import io.cacheman.reliability.workload.CheckedValue;
import io.cacheman.reliability.workload.Checker;
import io.cacheman.reliability.workload.Checker.Phase;
import io.cacheman.reliability.workload.FaultLog;
import io.cacheman.reliability.workload.KeyHomes;
import io.cacheman.reliability.workload.Report;
import io.cacheman.reliability.workload.SchedulingNoise;
import io.cacheman.reliability.workload.Workload;
import io.cacheman.reliability.workload.WorkloadSettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One soak run: starts the nodes, opens a client, drives a checked {@link Workload}, kills and
 * restarts one node at a time on a fixed period, and reports.
 *
 * <p>Every node process is killed by PID when the run ends, also on failure.
 */
public final class SoakRun {
  private static final Logger log = LoggerFactory.getLogger(SoakRun.class);
  private static final Duration WAIT_LIMIT = Duration.ofSeconds(30);

  private final SoakSettings settings;
  private final List<NodeProcess> nodes = new ArrayList<>();
  private final List<FaultRecord> faults = new ArrayList<>();
  private final List<String> missReports = new ArrayList<>();
  private final MinuteLog minutes;
  private double peak;
  private int offered;
  private long hostileRequests;
  private long binaryUnanswered;

  private SoakRun(SoakSettings settings) {
    this.settings = settings;
    this.minutes = new MinuteLog(settings.nodes());
  }

  /**
   * Runs a soak and prints its report (also written to {@code markdown} when not null).
   *
   * @return true when the run was clean: no wrong-key, corrupted or phantom value, no unexpected miss
   */
  public static boolean run(SoakSettings settings, Path markdown) throws IOException, InterruptedException {
    SoakRun run = new SoakRun(settings);
    try {
      return run.execute(markdown);
    } finally {
      run.nodes.forEach(NodeProcess::close);
    }
  }

  private boolean execute(Path markdown) throws IOException, InterruptedException {
    // docs/server.md: the JVM options JvmSizing gives for -m M bound RSS to 1.25 x M + 192 MB
    List<String> jvm = JvmSizing.options((long) settings.nodeMemoryMb() << 20, ServerConfig.DEFAULT_MAX_ITEM_SIZE);
    NodeSpec spec = NodeSpec.serverMinimal().withMemoryMb(settings.nodeMemoryMb()).withThreads(2)
        .withJvmArgs(jvm.toArray(String[]::new));
    List<NodeAddress> addresses = new ArrayList<>();
    for (int i = 0; i < settings.nodes(); i++) {
      NodeProcess node = NodeProcess.start(spec);
      nodes.add(node);
      addresses.add(NodeAddress.of("127.0.0.1", node.port()));
    }
    CachemanConfig config = CachemanConfig.builder().nodes(addresses).hashing(Hashing.KETAMA)
        .failoverMode(FailoverMode.REDISTRIBUTE).operationTimeout(settings.opTimeout())
        .connectTimeout(settings.opTimeout()).retryInterval(settings.retryInterval()).failureThreshold(3)
        .compressionThreshold(0).build();
    int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
    int fdsBefore = ProcStatus.openFileDescriptors();
    Checker checker = new Checker();
    FaultLog faultLog = new FaultLog(settings.nodes());
    int rate = settings.rate();
    if (!settings.peakFor().isZero()) {
      peak = PeakMeter.measure(settings, config);
      rate = (int) Math.max(1, peak * settings.loadFraction());
      log.info("peak {} ops/s over {}: offering {} ops/s", Math.round(peak), settings.peakFor(), rate);
    }
    offered = rate;
    WorkloadSettings shape = WorkloadSettings.builder().threads(settings.threads()).keys(settings.keys())
        .readRatio(settings.readRatio()).multiGetRatio(settings.multiGetRatio())
        .valueSizes(settings.minValueSize(), settings.maxValueSize()).opsPerSecond(rate)
        .maxDuration(settings.length().plusMinutes(1)).prefix("soak:").build();
    int hostileRate = (int) Math.round(rate * settings.hostileShare() / (1 - settings.hostileShare()));
    SoakReport.Figures figures;
    String loadBefore = Environment.loadAverage();
    long startNanos = System.nanoTime();
    try (SchedulingNoise noise = SchedulingNoise.start();
        Cache<byte[]> cache = Cacheman.builder().config(config).transcoder(Transcoders.bytes()).build();
        Sampler sampler = new Sampler(cache, checker, nodes);
        HostileClients hostile = hostileRate > 0 ? new HostileClients(nodes, hostileRate) : null;
        Workload workload = Workload.start(cache, checker, faultLog, KeyHomes.of(config), shape)) {
      workload.onUnexpectedMiss((key, node, seq) -> inspectMiss(key, node, seq));
      long end = startNanos + settings.length().toNanos();
      long nextKill = startNanos + settings.killEvery().toNanos();
      long baselineEndMillis = settings.killEvery().toMillis();
      int victim = 0;
      long nextMinute = startNanos + TimeUnit.MINUTES.toNanos(1);
      minutes.record(0, nodes, 0, 0);
      while (System.nanoTime() - end < 0) {
        if (System.nanoTime() - nextMinute >= 0) {
          int minute = (int) TimeUnit.NANOSECONDS.toMinutes(System.nanoTime() - startNanos);
          minutes.record(minute, nodes, checker.report().errors(), hostile == null ? 0 : hostile.requests());
          nextMinute += TimeUnit.MINUTES.toNanos(1);
        }
        long wait = Math.min(Math.min(end, nextKill), nextMinute) - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(Math.min(wait, 1_000_000_000L));
          continue;
        }
        if (System.nanoTime() - nextKill < 0) {
          continue;
        }
        if (nextKill - end >= 0 || System.nanoTime() + settings.downFor().toNanos() - end >= 0) {
          break;
        }
        double baseline = sampler.meanHitRatio(0, baselineEndMillis);
        boolean pause = settings.pauseEveryOther() && faults.size() % 2 == 1;
        faults.add(injectFault(cache, checker, faultLog, sampler, victim, baseline, pause));
        if (!pause) {
          minutes.restarted(victim, (int) TimeUnit.NANOSECONDS.toMinutes(System.nanoTime() - startNanos));
        }
        victim = (victim + 1) % settings.nodes();
        nextKill += settings.killEvery().toNanos();
      }
      minutes.record((int) Math.round((System.nanoTime() - startNanos) / 60e9), nodes, checker.report().errors(),
          hostile == null ? 0 : hostile.requests());
      hostileRequests = hostile == null ? 0 : hostile.requests();
      binaryUnanswered = hostile == null ? 0 : hostile.binaryUnanswered();
      workload.close();
      Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
      for (int i = 0; i < nodes.size(); i++) {
        sampler.notePeakRss(i);
      }
      long reconnects = cache.admin().stats().total().reconnects();
      long transitions = cache.admin().stats().total().breakerTransitions();
      long[] peaks = new long[nodes.size()];
      for (int i = 0; i < peaks.length; i++) {
        peaks[i] = sampler.peakRss(i);
      }
      long evictions = faults.stream().mapToLong(FaultRecord::evictions).sum();
      long expired = faults.stream().mapToLong(FaultRecord::expired).sum();
      for (NodeProcess node : nodes) {
        Map<String, String> last = statsOrEmpty(node);
        evictions += number(last, "evictions");
        expired += number(last, "reclaimed");
      }
      figures = new SoakReport.Figures(settings, took, checker.report(), faults, sampler.maxInFlight(), reconnects,
          transitions, peaks, ((long) settings.nodeMemoryMb() * 5 / 4 + 192) << 20, sampler.maxClientHeap(),
          sampler.meanHitRatio(0, baselineEndMillis), threadsBefore, fdsBefore, 0, 0, evictions, expired,
          noise.worstLateness(), loadBefore, Environment.loadAverage(), List.copyOf(missReports));
    }
    figures = figures.withAfter(ManagementFactory.getThreadMXBean().getThreadCount(), ProcStatus.openFileDescriptors());
    String text = SoakReport.markdown(figures) + SoakReport.hostileAndMinutes(settings, peak, offered,
        hostileRequests, binaryUnanswered, minutes);
    System.out.println(text);
    if (markdown != null) {
      Files.writeString(markdown, text);
    }
    return figures.report().clean();
  }

  private FaultRecord injectFault(Cache<byte[]> cache, Checker checker, FaultLog faultLog, Sampler sampler, int i,
      double baselineHitRatio, boolean pause) throws InterruptedException {
    NodeProcess node = nodes.get(i);
    String id = "127.0.0.1:" + node.port();
    Map<String, String> before = statsOrEmpty(node);
    sampler.notePeakRss(i);
    Histogram duringBefore = checker.report().latency().get(Phase.DURING);
    long errorsBefore = checker.report().errors();
    double at = sampler.nowMillis() / 1000.0;
    log.info("{} node {} ({}) at {} s", pause ? "pausing" : "killing", i, id, String.format("%.1f", at));
    faultLog.faultStarted(i);
    checker.phase(Phase.DURING);
    long killed = System.nanoTime();
    if (pause) {
      node.pause();
    } else {
      node.kill();
    }
    long detect = awaitMillis(killed, () -> cache.admin().stats().node(id).state() != NodeState.UP);
    long downUntil = killed + settings.downFor().toNanos();
    TimeUnit.NANOSECONDS.sleep(Math.max(0, downUntil - System.nanoTime()));
    if (pause) {
      node.resume();
    } else {
      node.restart();
    }
    long restarted = System.nanoTime();
    long readmit = awaitMillis(restarted, () -> cache.admin().stats().node(id).state() == NodeState.UP);
    faultLog.faultEnded(i);
    checker.phase(Phase.AFTER);
    long readmittedAt = sampler.nowMillis();
    Report after = checker.report();
    Histogram window = after.latency().get(Phase.DURING).copy();
    window.subtract(duringBefore);
    double recovery = awaitHitRatio(sampler, readmittedAt, 0.9 * baselineHitRatio);
    return new FaultRecord(i, at, detect, readmit, after.errors() - errorsBefore, window.getMaxValue() / 1e6,
        recovery, number(before, "evictions"), number(before, "reclaimed"));
  }

  /** Looks at the node directly after an unexpected miss: lost there, or read from the wrong place? */
  private void inspectMiss(String key, int node, long ackedSeq) {
    String found;
    try {
      byte[] raw = Probe.get(nodes.get(node).port(), key, Duration.ofSeconds(2));
      CheckedValue.Decoded d = raw == null ? null : CheckedValue.decode(raw);
      found = raw == null ? "missing on the node too" : d == null ? "corrupted on the node"
          : "present on the node with seq " + d.seq();
    } catch (IOException e) {
      found = "node did not answer: " + e.getMessage();
    }
    synchronized (missReports) {
      if (missReports.size() < 20) {
        missReports.add(key + " (node " + node + ", acked seq " + ackedSeq + "): " + found);
      }
    }
  }

  /** Waits (up to a third of the kill period) for the hit ratio to come back; seconds, or -1. */
  private double awaitHitRatio(Sampler sampler, long fromMillis, double target) throws InterruptedException {
    long limit = System.nanoTime() + settings.killEvery().toNanos() / 3;
    while (System.nanoTime() - limit < 0) {
      double s = sampler.secondsUntilHitRatio(fromMillis, target);
      if (s >= 0) {
        return s;
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    return -1;
  }

  private static long awaitMillis(long fromNanos, BooleanSupplier condition) throws InterruptedException {
    long limit = fromNanos + WAIT_LIMIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - limit > 0) {
        return -1;
      }
      TimeUnit.MILLISECONDS.sleep(5);
    }
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - fromNanos);
  }

  private static Map<String, String> statsOrEmpty(NodeProcess node) {
    try {
      return Probe.stats(node.port(), Duration.ofSeconds(2));
    } catch (IOException e) {
      log.warn("no stats from {}: {}", node, e.getMessage());
      return Map.of();
    }
  }

  private static long number(Map<String, String> stats, String name) {
    String v = stats.get(name);
    return v == null ? 0 : Long.parseLong(v);
  }
}
