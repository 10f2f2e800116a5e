package io.cacheman.internal.stats;

import io.cacheman.NodeState;
import io.cacheman.NodeStats;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One node's counters as the client sees them. Recording is cheap and contention-free
 * ({@link LongAdder}s and an HdrHistogram {@link Recorder}, which writers never lock); snapshots
 * take a lock the recording path never touches.
 *
 * <p>Latency is <b>cumulative</b> since the client opened: each snapshot folds the recorder's
 * interval into a running histogram, so percentiles cover the client's whole life, like the
 * counters beside them.
 */
public final class NodeCounters {
  // What each counts: the io.cacheman.NodeMetrics method of the same name.
  public final LongAdder operations = new LongAdder();
  public final LongAdder hits = new LongAdder();
  public final LongAdder misses = new LongAdder();
  public final LongAdder errors = new LongAdder();
  public final LongAdder timeouts = new LongAdder();
  public final LongAdder rejected = new LongAdder();
  public final LongAdder reconnects = new LongAdder();
  public final LongAdder latencyNanos = new LongAdder();

  private final Recorder latency = new Recorder(2);
  private final Histogram cumulative = new Histogram(2);
  private Histogram recycled;

  /** Records one attempt's latency (send to reply or failure). */
  public void recordLatency(long nanos) {
    long value = Math.max(0, nanos);
    latency.recordValue(value);
    latencyNanos.add(value);
  }

  /** The latency histogram since the client opened (a copy). */
  public synchronized Histogram latencySnapshot() {
    recycled = latency.getIntervalHistogram(recycled);
    cumulative.add(recycled);
    return cumulative.copy();
  }

  public NodeStats snapshot(String node, NodeState state, int inFlight, long breakerTransitions) {
    return snapshot(node, state, inFlight, breakerTransitions, latencySnapshot());
  }

  /** A snapshot of these counters with a latency histogram already taken. */
  public NodeStats snapshot(String node, NodeState state, int inFlight, long breakerTransitions, Histogram latency) {
    return stats(node, state, operations.sum(), hits.sum(), misses.sum(), errors.sum(), timeouts.sum(),
        rejected.sum(), inFlight, reconnects.sum(), breakerTransitions, latency);
  }

  /** Builds a {@link NodeStats}, reading the latency percentiles off {@code latency}. */
  public static NodeStats stats(String node, NodeState state, long operations, long hits, long misses, long errors,
      long timeouts, long rejected, int inFlight, long reconnects, long transitions, Histogram latency) {
    return new NodeStats(node, state, operations, hits, misses, errors, timeouts, rejected, inFlight, reconnects,
        transitions, percentile(latency, 50), percentile(latency, 99), percentile(latency, 99.9),
        Duration.ofNanos(latency.getMaxValue()));
  }

  private static Duration percentile(Histogram latency, double percentile) {
    return Duration.ofNanos(latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile));
  }
}
