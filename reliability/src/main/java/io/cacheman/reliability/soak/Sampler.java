package io.cacheman.reliability.soak;

import io.cacheman.Cache;
import io.cacheman.ClientStats;
import io.cacheman.NodeStats;
import io.cacheman.reliability.node.NodeProcess;
import io.cacheman.reliability.node.ProcStatus;
import io.cacheman.reliability.workload.Checker;
import io.cacheman.reliability.workload.Report;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples a soak once a second: the client's queue depth, the nodes' resident memory, this JVM's
 * heap, threads and file descriptors, and the hit ratio of the last second.
 *
 * <p>One daemon thread; {@link #close()} stops it. Reads are thread-safe (synchronized).
 */
final class Sampler implements AutoCloseable {

  /** One second of the run. */
  record Sample(long atMillis, double hitRatio, long reads, int maxInFlight, long clientHeapBytes, int threads,
      int fds) {}

  private final Cache<?> cache;
  private final Checker checker;
  private final List<NodeProcess> nodes;
  private final long startNanos = System.nanoTime();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "soak-sampler");
    t.setDaemon(true);
    return t;
  });
  private final List<Sample> samples = new ArrayList<>();
  private final long[] peakRss;
  private long lastHits;
  private long lastMisses;
  private int maxInFlight;
  private long maxClientHeap;

  Sampler(Cache<?> cache, Checker checker, List<NodeProcess> nodes) {
    this.cache = cache;
    this.checker = checker;
    this.nodes = nodes;
    this.peakRss = new long[nodes.size()];
    timer.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
  }

  private synchronized void sample() {
    try {
      ClientStats stats = cache.admin().stats();
      int inFlight = 0;
      for (NodeStats n : stats.nodes()) {
        inFlight = Math.max(inFlight, n.inFlight());
      }
      maxInFlight = Math.max(maxInFlight, inFlight);
      for (int i = 0; i < nodes.size(); i++) {
        notePeakRss(i);
      }
      Report r = checker.report();
      long hits = r.hits() - lastHits;
      long misses = r.misses() - lastMisses;
      lastHits = r.hits();
      lastMisses = r.misses();
      long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      maxClientHeap = Math.max(maxClientHeap, heap);
      samples.add(new Sample(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
          hits + misses == 0 ? 0 : (double) hits / (hits + misses), hits + misses, inFlight, heap,
          ManagementFactory.getThreadMXBean().getThreadCount(), ProcStatus.openFileDescriptors()));
    } catch (RuntimeException e) {
      // a node died between isAlive and the read of /proc: the next sample will do
    }
  }

  /** Records node {@code i}'s peak RSS so far (call before killing it: the peak dies with the process). */
  synchronized void notePeakRss(int i) {
    NodeProcess node = nodes.get(i);
    if (node.isAlive()) {
      try {
        peakRss[i] = Math.max(peakRss[i], node.peakRssBytes());
      } catch (RuntimeException e) {
        // the process exited just now; its earlier peak is kept
      }
    }
  }

  synchronized long peakRss(int node) {
    return peakRss[node];
  }

  synchronized int maxInFlight() {
    return maxInFlight;
  }

  synchronized long maxClientHeap() {
    return maxClientHeap;
  }

  synchronized List<Sample> samples() {
    return List.copyOf(samples);
  }

  /** Milliseconds since the sampler started. */
  long nowMillis() {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  /**
   * Seconds from {@code fromMillis} until the one-second hit ratio first reached {@code target},
   * or -1 if it never did.
   */
  synchronized double secondsUntilHitRatio(long fromMillis, double target) {
    for (Sample s : samples) {
      if (s.atMillis() >= fromMillis && s.reads() > 0 && s.hitRatio() >= target) {
        return (s.atMillis() - fromMillis) / 1000.0;
      }
    }
    return -1;
  }

  /** Mean one-second hit ratio over samples in [fromMillis, toMillis). */
  synchronized double meanHitRatio(long fromMillis, long toMillis) {
    return samples.stream().filter(s -> s.atMillis() >= fromMillis && s.atMillis() < toMillis && s.reads() > 0)
        .mapToDouble(Sample::hitRatio).average().orElse(0);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
