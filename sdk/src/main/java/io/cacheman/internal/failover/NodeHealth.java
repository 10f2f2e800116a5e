package io.cacheman.internal.failover;

import io.cacheman.NodeState;
import io.cacheman.internal.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a node is in routing: a small circuit breaker of three states.
 *
 * <ul>
 *   <li>{@link NodeState#UP}: the node takes traffic. {@code failureThreshold} consecutive
 *       failures that are the node's fault (timeouts, connection errors, garbage replies) take it
 *       {@link NodeState#OUT}; any reply in between starts the count again. Misses, error replies
 *       and overload rejections are not the node's fault and are never reported here.
 *   <li>{@link NodeState#OUT}: no traffic. After {@code retryInterval} this class sends one probe
 *       (a {@code version}) on its own, traffic or not, and the node is {@link NodeState#PROBING}.
 *   <li>A reply to the probe brings the node back UP; a failure sends it OUT for another interval.
 * </ul>
 * Every transition is logged (one line) and counted, and {@code onChange} runs after it.
 *
 * <h2>Cost on the hot path</h2>
 * {@link #isLive()} and {@link #onSuccess()} are a volatile read each while nothing fails.
 */
public final class NodeHealth {
  private static final Logger log = LoggerFactory.getLogger(NodeHealth.class);

  private final String node;
  private final int failureThreshold;
  private final Duration retryInterval;
  private final Clock clock;
  private final Supplier<CompletionStage<?>> probe;
  private final Runnable onChange;
  private final AtomicInteger consecutiveFailures = new AtomicInteger();
  private final LongAdder transitions = new LongAdder();
  private volatile NodeState state = NodeState.UP;
  private volatile Throwable lastFailure;
  private volatile boolean closed;

  /**
   * @param probe sends one {@code version} to the node (connecting first if needed); completes
   *     normally on any reply, exceptionally otherwise, by the operation timeout at the latest
   * @param onChange called after each transition (routing recomputes its live set)
   */
  public NodeHealth(String node, int failureThreshold, Duration retryInterval, Clock clock,
      Supplier<CompletionStage<?>> probe, Runnable onChange) {
    this.node = node;
    this.failureThreshold = failureThreshold;
    this.retryInterval = retryInterval;
    this.clock = clock;
    this.probe = probe;
    this.onChange = onChange;
  }

  /** True while the node takes traffic. */
  public boolean isLive() {
    return state == NodeState.UP;
  }

  public NodeState state() {
    return state;
  }

  public long transitions() {
    return transitions.sum();
  }

  /** The node answered a request (with any reply, error lines included). */
  public void onSuccess() {
    if (consecutiveFailures.get() != 0) {
      consecutiveFailures.set(0);
    }
  }

  /** A request failed through the node's fault: timeout, broken connection, garbage. */
  public void onFailure(Throwable cause) {
    lastFailure = cause;
    if (consecutiveFailures.incrementAndGet() >= failureThreshold && state == NodeState.UP) {
      move(NodeState.UP, NodeState.OUT);
    }
  }

  /** Stops probing. */
  public void close() {
    closed = true;
  }

  private void move(NodeState from, NodeState to) {
    synchronized (this) {
      if (state != from) {
        return;
      }
      state = to;
    }
    transitions.increment();
    String last = lastFailure == null ? "unknown" : lastFailure.getMessage();
    if (from == NodeState.UP) {
      log.warn("Cacheman node {} taken out of routing after {} consecutive failures (last: {}); probing every {}",
          node, failureThreshold, last, retryInterval);
    } else if (to == NodeState.OUT) {
      log.info("Cacheman node {} still unavailable (probe failed: {}); next probe in {}", node, last, retryInterval);
    } else if (to == NodeState.PROBING) {
      log.info("Cacheman node {} is being probed", node);
    } else {
      log.info("Cacheman node {} is back in routing", node);
    }
    if (to == NodeState.OUT) {
      scheduleProbe();
    } else if (to == NodeState.UP) {
      consecutiveFailures.set(0);
    }
    onChange.run();
  }

  private void scheduleProbe() {
    if (closed) {
      return;
    }
    try {
      clock.schedule(this::probe, retryInterval.toNanos());
    } catch (RejectedExecutionException e) {
      log.debug("not probing {}: the client is closing", node);
    }
  }

  private void probe() {
    if (closed || state != NodeState.OUT) {
      return;
    }
    move(NodeState.OUT, NodeState.PROBING);
    CompletionStage<?> reply;
    try {
      reply = probe.get();
    } catch (RuntimeException e) {
      probed(e);
      return;
    }
    reply.whenComplete((ok, failure) -> probed(failure));
  }

  private void probed(Throwable failure) {
    if (failure == null) {
      move(NodeState.PROBING, NodeState.UP);
    } else {
      lastFailure = failure;
      move(NodeState.PROBING, NodeState.OUT);
    }
  }
}
