package io.cacheman.internal.failover;

import io.cacheman.CachemanException;
import io.cacheman.config.OnReturn;
import io.cacheman.internal.connection.ConnectionPool;
import io.cacheman.internal.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a node that answered its probe safe to read from again: deletes on it every key the
 * {@link StandInLog} holds (those written elsewhere while it was out, whose older values it may
 * still hold), in a few pipelined requests, by one operation timeout. When the log overflowed,
 * {@link OnReturn} decides: flush the node, wait until what was written elsewhere has expired, or
 * nothing. Keys logged while this runs are deleted too: the log closes only when nothing is left,
 * within {@value #MAX_ROUNDS} rounds (else the node stays out until the next probe).
 */
public final class Readmission {
  private static final Logger log = LoggerFactory.getLogger(Readmission.class);
  static final int MAX_ROUNDS = 20;

  private final String node;
  private final ConnectionPool pool;
  private final StandInLog standIns;
  private final OnReturn onOverflow;
  private final Duration waitBound;
  private final Clock clock;
  private final long timeoutNanos;

  /** @param waitBound how long after the last write elsewhere {@link OnReturn#WAIT} waits (the gutter TTL) */
  public Readmission(String node, ConnectionPool pool, StandInLog standIns, OnReturn onOverflow, Duration waitBound,
      Clock clock, Duration timeout) {
    this.node = node;
    this.pool = pool;
    this.standIns = standIns;
    this.onOverflow = onOverflow;
    this.waitBound = waitBound;
    this.clock = clock;
    this.timeoutNanos = timeout.toNanos();
  }

  /** Completes once the node may take traffic (the log is closed), exceptionally when it must stay out. */
  public CompletionStage<Void> run() {
    return round(clock.nanoTime() + timeoutNanos, 0);
  }

  private CompletionStage<Void> round(long deadline, int round) {
    if (standIns.close()) {
      return CompletableFuture.completedFuture(null);
    }
    if (round == MAX_ROUNDS) {
      return CompletableFuture.failedFuture(new CachemanException(
          "keys kept being written elsewhere while " + node + " was cleaned up for its return"));
    }
    StandInLog.Batch batch = standIns.take();
    CompletableFuture<Void> cleaned;
    if (!batch.overflowed()) {
      cleaned = deleteAll(batch.keys(), deadline);
    } else if (onOverflow == OnReturn.FLUSH) {
      log.info("Cacheman node {} returns after more writes elsewhere than its return log holds: flushing it", node);
      cleaned = Probe.flush(pool, node, deadline);
    } else if (onOverflow == OnReturn.WAIT && !waitBound.isZero()
        && clock.nanoTime() - (batch.lastWriteNanos() + waitBound.toNanos()) < 0) {
      standIns.keepOverflowed(batch);
      return CompletableFuture.failedFuture(new CachemanException(node + " stays out until the values written "
          + "elsewhere while it was out have expired (cacheman.failover.on-return = wait)"));
    } else {
      cleaned = deleteAll(batch.keys(), deadline); // NONE, or WAIT whose wait is over: delete what we know of
    }
    return cleaned.thenCompose(done -> round(deadline, round + 1));
  }

  private CompletableFuture<Void> deleteAll(List<byte[]> keys, long deadline) {
    List<CompletableFuture<Void>> parts = new ArrayList<>();
    for (int from = 0; from < keys.size(); from += Probe.MAX_KEYS) {
      parts.add(Probe.delete(pool, node, keys.subList(from, Math.min(keys.size(), from + Probe.MAX_KEYS)), deadline));
    }
    return CompletableFuture.allOf(parts.toArray(CompletableFuture<?>[]::new));
  }
}
