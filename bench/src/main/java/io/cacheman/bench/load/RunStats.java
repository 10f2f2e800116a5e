package io.cacheman.bench.load;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the workers of one run report into: outcome counters and a latency recorder per worker.
 *
 * <h2>Threading</h2>
 * Recording is safe from any thread (async completions arrive on client threads). Draining is
 * done by the one thread that drives the run. Once {@link #stopRecording()} is called, late
 * completions are dropped so the measured window ends exactly when the run was stopped.
 */
final class RunStats {
  /** Latencies are recorded in nanoseconds with 3 significant digits. */
  private static final int DIGITS = 3;
  /**
   * Recorders per core. Writers at once are bounded by the cores, not by the workers, and each
   * drain reads every bucket of every recorder under its lock: at 64 recorders that cost the
   * reporting thread 6-10% of the CPU of a 10,000-thread run (JFR), charged to the client.
   */
  private static final int RECORDERS_PER_CORE = 4;

  private final Recorder[] recorders;
  private final Histogram[] recycled;
  private final LongAdder gets = new LongAdder();
  private final LongAdder hits = new LongAdder();
  private final LongAdder getKeys = new LongAdder();
  private final LongAdder sets = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final AtomicReference<Throwable> firstError = new AtomicReference<>();
  private volatile boolean recording = true;

  RunStats(int workers) {
    // Recorders take concurrent writers: thousands of (virtual) workers share a few, not one each.
    int count = Math.min(workers, RECORDERS_PER_CORE * Runtime.getRuntime().availableProcessors());
    recorders = new Recorder[count];
    recycled = new Histogram[count];
    for (int i = 0; i < count; i++) {
      recorders[i] = new Recorder(DIGITS);
    }
  }

  /** A get answered after {@code nanos}; {@code filled} when a miss was then stored. */
  void get(int worker, long nanos, boolean hit, boolean filled) {
    if (recording) {
      recorders[worker % recorders.length].recordValue(nanos);
      gets.increment();
      getKeys.increment();
      if (hit) {
        hits.increment();
      }
      if (filled) {
        sets.increment();
      }
    }
  }

  /** A multi-get of {@code asked} keys answered after {@code nanos} with {@code found} of them. */
  void multiGet(int worker, long nanos, int asked, int found) {
    if (recording) {
      recorders[worker % recorders.length].recordValue(nanos);
      gets.increment();
      getKeys.add(asked);
      hits.add(found);
    }
  }

  /** A set stored after {@code nanos}. */
  void set(int worker, long nanos) {
    if (recording) {
      recorders[worker % recorders.length].recordValue(nanos);
      sets.increment();
    }
  }

  /** A call that failed; the first failure of the run (warmup included) is kept to be shown. */
  void error(Throwable t) {
    if (recording) {
      errors.increment();
      firstError.compareAndSet(null, t);
    }
  }

  /** Drops every completion from now on. */
  void stopRecording() {
    recording = false;
  }

  /** The counts so far. */
  Counts counts() {
    // Hits are read before gets and keys (and counted after them), so a snapshot never shows
    // more hits than keys asked for even while workers are recording.
    long hitCount = hits.sum();
    long keyCount = getKeys.sum();
    return new Counts(gets.sum(), hitCount, sets.sum(), errors.sum(), keyCount);
  }

  /** The first failure, as one line, or {@code null}. */
  String firstError() {
    Throwable t = firstError.get();
    return t == null ? null : t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  /** The latencies recorded since the previous drain, merged over all workers. */
  Histogram drain() {
    Histogram merged = new Histogram(DIGITS);
    for (int i = 0; i < recorders.length; i++) {
      recycled[i] = recorders[i].getIntervalHistogram(recycled[i]);
      merged.add(recycled[i]);
    }
    return merged;
  }
}
