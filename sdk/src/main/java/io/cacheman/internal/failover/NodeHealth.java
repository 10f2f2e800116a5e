package io.cacheman.internal.failover;

import io.cacheman.NodeState;
import io.cacheman.internal.connection.FailureEvents;
import io.cacheman.internal.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a node is in routing: a small circuit breaker of three states, fed with failure
 * <em>events</em>, one per incident on one of its connections (see {@link FailureEvents}), however
 * many calls the incident cost.
 *
 * <ul>
 *   <li>{@link NodeState#UP}: the node takes traffic. {@code failureThreshold} failure events in a
 *       row — a connection broken, refused or sending garbage, or a stall (its oldest request
 *       unanswered past its deadline) — with no reply in time from the node in between take it
 *       {@link NodeState#OUT}. One slow reply is one event, and the replies that go on arriving on
 *       the node's other connections (or the fresh one that replaces the stalled) start the count
 *       again: a slow reply never takes a node out. Misses, error replies and overload rejections
 *       are the node answering, not failing.
 *   <li>{@link NodeState#OUT}: no traffic; writes meant for it go to stand-ins and their keys to its
 *       {@link StandInLog}. After {@code retryInterval} this class sends one probe on its own,
 *       traffic or not, and the node is {@link NodeState#PROBING}.
 *   <li>A reply to the probe starts its {@link Readmission} (deleting on it what was written
 *       elsewhere meanwhile); once that is done the node is UP again. A failure of either sends it
 *       OUT for another interval.
 * </ul>
 * Every transition is logged (one line) and counted, and {@code onChange} runs after it.
 *
 * <h2>Cost on the hot path</h2>
 * {@link #isLive()} and {@link #onSuccess()} are a volatile read each while nothing fails.
 */
public final class NodeHealth implements FailureEvents {
  private static final Logger log = LoggerFactory.getLogger(NodeHealth.class);

  private final String node;
  private final int failureThreshold;
  private final Duration retryInterval;
  private final Clock clock;
  private final Supplier<CompletionStage<?>> probe;
  private final Supplier<CompletionStage<Void>> readmission;
  private final StandInLog standIns;
  private final Runnable onChange;
  private final AtomicInteger eventsInARow = new AtomicInteger();
  private final LongAdder transitions = new LongAdder();
  private volatile NodeState state = NodeState.UP;
  private volatile String lastFailure = "unknown";
  private volatile boolean closed;

  /**
   * @param probe asks the node whether it answers (connecting first if needed); completes normally
   *     on any reply, exceptionally otherwise, by the operation timeout at the latest
   * @param readmission makes the node safe to read again (see {@link Readmission}); fails if it must stay out
   * @param onChange called after each transition (routing recomputes its live set)
   */
  public NodeHealth(String node, int failureThreshold, Duration retryInterval, Clock clock,
      Supplier<CompletionStage<?>> probe, Supplier<CompletionStage<Void>> readmission, StandInLog standIns,
      Runnable onChange) {
    this.node = node;
    this.failureThreshold = failureThreshold;
    this.retryInterval = retryInterval;
    this.clock = clock;
    this.probe = probe;
    this.readmission = readmission;
    this.standIns = standIns;
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

  /** The keys written elsewhere while the node is out. */
  public StandInLog standIns() {
    return standIns;
  }

  /** The node answered a request in time (with any reply, error lines included). */
  public void onSuccess() {
    if (eventsInARow.get() != 0) {
      eventsInARow.set(0);
    }
  }

  /** An incident on one of the node's connections; see the class doc for what counts. */
  @Override
  public void failed(String why) {
    lastFailure = why;
    if (eventsInARow.incrementAndGet() >= failureThreshold && state == NodeState.UP) {
      move(NodeState.UP, NodeState.OUT);
    }
  }

  /** Stops probing. */
  /** Why the node last failed, for messages: "unknown" until it has. */
  public String lastFailure() {
    return lastFailure;
  }

  public void close() {
    closed = true;
  }

  private void move(NodeState from, NodeState to) {
    synchronized (this) {
      if (state != from) {
        return;
      }
      state = to;
      if (from == NodeState.UP) {
        standIns.open(); // before anyone can route a write elsewhere
      }
    }
    transitions.increment();
    if (from == NodeState.UP) {
      log.warn("Cacheman node {} taken out of routing after {} failures in a row (last: {}); probing every {}",
          node, failureThreshold, lastFailure, retryInterval);
    } else if (to == NodeState.OUT) {
      log.info("Cacheman node {} still unavailable ({}); next probe in {}", node, lastFailure, retryInterval);
    } else if (to == NodeState.PROBING) {
      log.info("Cacheman node {} is being probed", node);
    } else {
      log.info("Cacheman node {} is back in routing", node);
    }
    if (to == NodeState.OUT) {
      scheduleProbe();
    } else if (to == NodeState.UP) {
      eventsInARow.set(0);
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
    try {
      probe.get().thenCompose(answered -> readmission.get()).whenComplete((ok, failure) -> probed(failure));
    } catch (RuntimeException e) {
      probed(e);
    }
  }

  private void probed(Throwable failure) {
    if (failure == null) {
      move(NodeState.PROBING, NodeState.UP);
    } else {
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
          : failure;
      lastFailure = String.valueOf(cause.getMessage());
      move(NodeState.PROBING, NodeState.OUT);
    }
  }
}
