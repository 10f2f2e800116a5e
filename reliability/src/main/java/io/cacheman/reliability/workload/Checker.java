package io.cacheman.reliability.workload;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Counts what a checked workload saw: the failures a cache must never show (values of the wrong
 * key, corrupted values, acknowledged values missing from a node nobody disturbed), the ones it
 * may show under faults (errors by type, stale and expected misses), and latency per
 * {@link Phase} of a fault.
 *
 * <h2>How reads are judged</h2>
 * Every key has one writer thread, which keeps its {@link KeyState}. A miss is <em>unexpected</em>
 * when the key's last set was acknowledged while its home node was healthy, and that node has
 * stayed healthy since ({@link FaultLog}). A value whose sequence number is older than the last
 * acknowledged one is <em>stale</em> (possible after a failover), one newer than any attempted
 * set is a <em>phantom</em> (never possible).
 *
 * <p>Thread-safe: counters are {@link LongAdder}s, histograms are concurrent.
 */
public final class Checker {
  /** Where the run stands relative to the fault being tested. */
  public enum Phase {
    BEFORE, DURING, AFTER
  }

  /** The history of one key, owned by the one thread that reads and writes it. */
  public static final class KeyState {
    long lastAcked = -1;
    long lastAttempted = -1;
    long ackStamp;
    boolean trusted;

    /** The sequence number of the last acknowledged set, or -1. */
    public long lastAcked() {
      return lastAcked;
    }
  }

  private static final long MAX_TRACKED_NANOS = TimeUnit.MINUTES.toNanos(10);

  private final Map<Phase, Histogram> latency = new EnumMap<>(Phase.class);
  private final Map<Phase, LongAdder> errorsByPhase = new EnumMap<>(Phase.class);
  private final Map<Phase, LongAdder> hitsByPhase = new EnumMap<>(Phase.class);
  private final Map<Phase, LongAdder> missesByPhase = new EnumMap<>(Phase.class);
  private final Map<Phase, LongAdder> staleByPhase = new EnumMap<>(Phase.class);
  private final Map<String, LongAdder> errorsByType = new ConcurrentHashMap<>();
  private final LongAdder reads = new LongAdder();
  private final LongAdder writes = new LongAdder();
  private final LongAdder acks = new LongAdder();
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder unexpectedMisses = new LongAdder();
  private final LongAdder wrongKey = new LongAdder();
  private final LongAdder corrupted = new LongAdder();
  private final LongAdder stale = new LongAdder();
  private final LongAdder phantom = new LongAdder();
  private volatile Phase phase = Phase.BEFORE;
  private volatile String firstUnexpectedMiss;

  /** A checker with every counter at zero, in phase {@link Phase#BEFORE}. */
  public Checker() {
    for (Phase p : Phase.values()) {
      latency.put(p, new ConcurrentHistogram(MAX_TRACKED_NANOS, 3));
      errorsByPhase.put(p, new LongAdder());
      hitsByPhase.put(p, new LongAdder());
      missesByPhase.put(p, new LongAdder());
      staleByPhase.put(p, new LongAdder());
    }
  }

  /** Moves the run to {@code phase}; operations starting from now are counted under it. */
  public void phase(Phase phase) {
    this.phase = phase;
  }

  /** The current phase. */
  public Phase phase() {
    return phase;
  }

  /** Records one operation's latency under {@code phase} (the phase it started in). */
  public void latency(Phase phase, long nanos) {
    latency.get(phase).recordValue(Math.min(Math.max(nanos, 0), MAX_TRACKED_NANOS));
  }

  /** Records a failed operation; wrappers such as {@link CompletionException} are looked through. */
  public void error(Phase phase, Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    errorsByType.computeIfAbsent(t.getClass().getSimpleName(), k -> new LongAdder()).increment();
    errorsByPhase.get(phase).increment();
  }

  /** A set of {@code seq} is about to be sent. */
  public void setAttempted(KeyState state, long seq) {
    writes.increment();
    state.lastAttempted = Math.max(state.lastAttempted, seq);
  }

  /**
   * The set of {@code seq} was acknowledged; {@code healthyStamp} is the home node's stamp when
   * the set started, if it stayed healthy until the ack, or -1 otherwise.
   */
  public void setAcked(KeyState state, long seq, long healthyStamp) {
    acks.increment();
    state.lastAcked = seq;
    state.trusted = healthyStamp >= 0;
    state.ackStamp = healthyStamp;
  }

  /** The set failed: the key's content is unknown until the next acknowledged set. */
  public void setFailed(KeyState state) {
    state.trusted = false;
  }

  /** The set was acknowledged as not stored (for example, too large): the old value may be gone. */
  public void setRefused(KeyState state) {
    state.trusted = false;
  }

  /**
   * Judges a value read for {@code key} ({@code null} for a miss), counted under the current phase.
   *
   * @param homeHealthy whether the key's home node stayed healthy since the key's last trusted ack
   *     (see {@link FaultLog#stayedHealthy})
   * @return the verdict; {@link CheckedValue.Verdict#OK} for a miss
   */
  public CheckedValue.Verdict read(String key, KeyState state, byte[] value, boolean homeHealthy) {
    return read(phase, key, state, value, homeHealthy);
  }

  /**
   * Like {@link #read(String, KeyState, byte[], boolean)}, counted under {@code started}: the phase
   * the read started in. A read that began before a node returned is not the returned node's
   * doing, so per-phase figures (stale reads after a return above all) go by the start.
   */
  public CheckedValue.Verdict read(Phase started, String key, KeyState state, byte[] value, boolean homeHealthy) {
    reads.increment();
    (value == null ? missesByPhase : hitsByPhase).get(started).increment();
    if (value == null) {
      misses.increment();
      if (state.lastAcked >= 0 && state.trusted && homeHealthy) {
        unexpectedMisses.increment();
        if (firstUnexpectedMiss == null) {
          firstUnexpectedMiss = key + " (acked seq " + state.lastAcked + ")";
        }
      }
      return CheckedValue.Verdict.OK;
    }
    hits.increment();
    CheckedValue.Decoded decoded = CheckedValue.decode(value);
    if (decoded == null) {
      corrupted.increment();
      return CheckedValue.Verdict.CORRUPTED;
    }
    if (!decoded.key().equals(key)) {
      wrongKey.increment();
      return CheckedValue.Verdict.WRONG_KEY;
    }
    if (decoded.seq() > state.lastAttempted) {
      phantom.increment();
    } else if (decoded.seq() < state.lastAcked) {
      stale.increment();
      staleByPhase.get(started).increment();
    }
    return CheckedValue.Verdict.OK;
  }

  /** Judges a value read for {@code key} without per-key history: only key and integrity. */
  public CheckedValue.Verdict read(String key, byte[] value) {
    reads.increment();
    if (value == null) {
      misses.increment();
      return CheckedValue.Verdict.OK;
    }
    hits.increment();
    CheckedValue.Verdict verdict = CheckedValue.check(key, value);
    if (verdict == CheckedValue.Verdict.CORRUPTED) {
      corrupted.increment();
    } else if (verdict == CheckedValue.Verdict.WRONG_KEY) {
      wrongKey.increment();
    }
    return verdict;
  }

  /** A multi-get returned a key that was not asked for: counted as a wrong-key value. */
  public void unaskedKey(String key) {
    wrongKey.increment();
  }

  /** A snapshot of every counter and histogram. */
  public Report report() {
    Map<String, Long> byType = new TreeMap<>();
    errorsByType.forEach((k, v) -> byType.put(k, v.sum()));
    Map<Phase, Long> byPhase = new EnumMap<>(Phase.class);
    errorsByPhase.forEach((k, v) -> byPhase.put(k, v.sum()));
    Map<Phase, Long> staleCounts = new EnumMap<>(Phase.class);
    staleByPhase.forEach((k, v) -> staleCounts.put(k, v.sum()));
    Map<Phase, Double> hitRatio = new EnumMap<>(Phase.class);
    for (Phase p : Phase.values()) {
      long h = hitsByPhase.get(p).sum();
      long m = missesByPhase.get(p).sum();
      hitRatio.put(p, h + m == 0 ? 0.0 : (double) h / (h + m));
    }
    Map<Phase, Histogram> copies = new EnumMap<>(Phase.class);
    latency.forEach((k, v) -> copies.put(k, v.copy()));
    return new Report(reads.sum(), writes.sum(), acks.sum(), hits.sum(), misses.sum(), unexpectedMisses.sum(),
        wrongKey.sum(), corrupted.sum(), stale.sum(), phantom.sum(), byType, byPhase, hitRatio, copies,
        firstUnexpectedMiss, staleCounts);
  }
}
