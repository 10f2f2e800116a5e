package io.cacheman.internal.failover;

import io.cacheman.NodeState;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a node is in routing: a resilience4j {@link CircuitBreaker} per node, driven through its
 * low-level permission API from the send path.
 *
 * <h2>Policy</h2>
 * <ul>
 *   <li>{@code failureThreshold} consecutive failures that are the node's fault (timeouts,
 *       connection errors, garbage replies) open the breaker: a count-based window of that size
 *       with a 100% failure-rate threshold. Misses, error replies and overload rejections are
 *       not the node's fault and never count.
 *   <li>While open the node is out of routing. After {@code retryInterval} the breaker goes
 *       half-open and this class sends one probe (a {@code version} command) on its own, traffic
 *       or not: a reply closes the breaker (the node is back), a failure opens it for another
 *       interval.
 *   <li>Every transition is logged (one line) and counted.
 * </ul>
 *
 * <h2>Cost on the hot path</h2>
 * In the closed state a success changes nothing unless a failure has been recorded since the last
 * recorded success, so successes are only passed to the breaker when they matter; the common path
 * is a volatile read.
 */
public final class NodeHealth {
  private static final Logger log = LoggerFactory.getLogger(NodeHealth.class);

  private final String node;
  private final int failureThreshold;
  private final Duration retryInterval;
  private final CircuitBreaker breaker;
  private final ScheduledExecutorService scheduler;
  private final Supplier<CompletionStage<?>> probe;
  private final Runnable onChange;
  private final AtomicInteger failuresSinceSuccess = new AtomicInteger();
  private final LongAdder transitions = new LongAdder();
  private volatile boolean live = true;
  private volatile Throwable lastFailure;
  private volatile boolean closed;

  /**
   * @param probe sends one {@code version} to the node (connecting first if needed); completes
   *     normally on any reply, exceptionally otherwise, by the operation timeout at the latest
   * @param onChange called after each transition (the router recomputes its live set)
   */
  public NodeHealth(String node, int failureThreshold, Duration retryInterval, ScheduledExecutorService scheduler,
      Supplier<CompletionStage<?>> probe, Runnable onChange) {
    this.node = node;
    this.failureThreshold = failureThreshold;
    this.retryInterval = retryInterval;
    this.scheduler = scheduler;
    this.probe = probe;
    this.onChange = onChange;
    this.breaker = CircuitBreaker.of("cacheman-node-" + node, CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(failureThreshold)
        .minimumNumberOfCalls(failureThreshold)
        .failureRateThreshold(100)
        .slowCallRateThreshold(100)
        .slowCallDurationThreshold(Duration.ofDays(1))
        .permittedNumberOfCallsInHalfOpenState(1)
        .waitDurationInOpenState(retryInterval)
        .automaticTransitionFromOpenToHalfOpenEnabled(false) // we probe on our own scheduler
        .writableStackTraceEnabled(false)
        .build());
    breaker.getEventPublisher().onStateTransition(this::onTransition);
  }

  /** True while the breaker is closed: the node takes traffic. */
  public boolean isLive() {
    return live;
  }

  /** The node's routing state, from its breaker's state. */
  public NodeState state() {
    State state = breaker.getState();
    return state == State.CLOSED ? NodeState.UP : state == State.HALF_OPEN ? NodeState.PROBING : NodeState.OUT;
  }

  /** Breaker transitions so far. */
  public long transitions() {
    return transitions.sum();
  }

  /** Asks to send a request; every true must be followed by one of the three calls below. */
  public boolean tryAcquire() {
    return breaker.tryAcquirePermission();
  }

  /** The request was not sent after all (rejected as overloaded). */
  public void release() {
    breaker.releasePermission();
  }

  /** The node answered (with any reply, error lines included). */
  public void onSuccess(long nanos) {
    if (!live || (failuresSinceSuccess.get() != 0 && failuresSinceSuccess.getAndSet(0) != 0)) {
      breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
    }
  }

  /** The request failed through the node's fault: timeout, broken connection, garbage. */
  public void onFailure(long nanos, Throwable cause) {
    lastFailure = cause;
    failuresSinceSuccess.incrementAndGet();
    breaker.onError(nanos, TimeUnit.NANOSECONDS, cause);
  }

  /** Stops probing. */
  public void close() {
    closed = true;
  }

  private void onTransition(CircuitBreakerOnStateTransitionEvent event) {
    State to = event.getStateTransition().getToState();
    State from = event.getStateTransition().getFromState();
    transitions.increment();
    live = to == State.CLOSED;
    if (to == State.OPEN && from == State.CLOSED) {
      log.warn("Cacheman node {} taken out of routing after {} consecutive failures (last: {}); probing every {}",
          node, failureThreshold, lastFailure == null ? "unknown" : lastFailure.getMessage(), retryInterval);
    } else if (to == State.OPEN) {
      log.info("Cacheman node {} still unavailable (probe failed: {}); next probe in {}", node,
          lastFailure == null ? "unknown" : lastFailure.getMessage(), retryInterval);
    } else if (to == State.HALF_OPEN) {
      log.info("Cacheman node {} is being probed", node);
    } else if (to == State.CLOSED) {
      log.info("Cacheman node {} is back in routing", node);
    }
    if (to == State.OPEN) {
      scheduleProbe();
    }
    onChange.run();
  }

  private void scheduleProbe() {
    if (closed) {
      return;
    }
    try {
      scheduler.schedule(this::probe, retryInterval.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      log.debug("not probing {}: the client is closing", node);
    }
  }

  private void probe() {
    if (closed || breaker.getState() != State.OPEN) {
      return;
    }
    breaker.transitionToHalfOpenState();
    if (!breaker.tryAcquirePermission()) {
      return; // a late reply already took the half-open slot; its outcome decides
    }
    long start = System.nanoTime();
    CompletionStage<?> reply;
    try {
      reply = probe.get();
    } catch (RuntimeException e) {
      onFailure(System.nanoTime() - start, e);
      return;
    }
    reply.whenComplete((ok, failure) -> {
      long nanos = System.nanoTime() - start;
      if (failure == null) {
        breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
      } else {
        onFailure(nanos, failure);
      }
    });
  }
}
