package io.cacheman.internal.pipeline;

import io.cacheman.CacheConnectionException;
import io.cacheman.CacheOverloadedException;
import io.cacheman.CacheServerException;
import io.cacheman.CacheTimeoutException;
import io.cacheman.CachemanException;
import io.cacheman.NodeUnavailableException;
import io.cacheman.config.CachemanConfig;
import io.cacheman.internal.connection.LineSharing;
import io.cacheman.internal.connection.NodeConnection;
import io.cacheman.internal.failover.RetryPolicy;
import io.cacheman.internal.node.Node;
import io.cacheman.internal.protocol.ErrorReply;
import io.cacheman.internal.protocol.Item;
import io.cacheman.internal.routing.Topology;
import io.cacheman.internal.stats.NodeCounters;
import io.cacheman.internal.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every {@link Op}: routes it on the current {@link Topology}, checks its node is in
 * routing, caps the lifetime of failover copies, hands it to a connection, and when it ends
 * records the outcome with the node (health and stats), retries it when {@link RetryPolicy}
 * allows, or delivers it.
 *
 * <h2>Threading</h2>
 * Thread-safe. {@link #send} runs on the caller's thread up to the socket write;
 * {@link #replied} on the thread that read the reply (an I/O thread, or a blocking caller reading
 * its own); failures arrive on any.
 */
public final class Dispatcher {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
  private static final int OPEN = 0;
  private static final int DRAINING = 1;
  private static final int CLOSED = 2;

  private final Supplier<Topology> topology;
  private final Clock clock;
  private final RetryPolicy retries;
  private final long timeoutNanos;
  private final long connectTimeoutNanos;
  /** The lifetime cap of writes to a stand-in node ({@code cacheman.failover.gutter-ttl}); 0 = none. */
  private final long gutterSeconds;
  private final int maxInFlight;
  private final Duration retryInterval;
  private final Set<Op<?, ?>> retrying = ConcurrentHashMap.newKeySet();
  private volatile int state = OPEN;

  /** {@code topology} gives the current node list and routing, read once per attempt. */
  public Dispatcher(Supplier<Topology> topology, Clock clock, CachemanConfig config) {
    this.topology = topology;
    this.clock = clock;
    this.retries = new RetryPolicy(config.retryAttempts());
    this.timeoutNanos = config.operationTimeout().toNanos();
    this.connectTimeoutNanos = config.connectTimeout().toNanos();
    Duration gutter = config.gutterTtl();
    this.gutterSeconds = gutter.getSeconds() + (gutter.getNano() > 0 ? 1 : 0);
    this.maxInFlight = config.maxInFlightPerConnection();
    this.retryInterval = config.retryInterval();
  }

  /** How queued single-key gets share one command line on a connection. */
  public static LineSharing lineSharing() {
    return MergedGet::join;
  }

  public long newDeadline() {
    return clock.nanoTime() + timeoutNanos;
  }

  Clock clock() {
    return clock;
  }

  /** Routes and sends a new {@code op}; its outcome arrives through the op, never as an exception here. */
  void send(Op<?, ?> op) {
    if (state != OPEN) {
      op.reject(new CachemanException(op.name() + ": the client is closed"));
      return;
    }
    route(op);
  }

  /** Routes and sends {@code op}: a new one, or a retry (which may still go out while the client drains). */
  private void route(Op<?, ?> op) {
    if (state == CLOSED) {
      op.reject(new CachemanException(op.name() + ": the client is closed"));
      return;
    }
    op.attempts++;
    Node refused = null;
    for (int tries = 0; ; tries++) {
      Topology routing = topology.get();
      Node node = op.fixedNode != null ? op.fixedNode : routing.route(op.key, refused);
      if (node == null) {
        op.reject(new NodeUnavailableException(op.name() + ": no node is available; all are out of routing ("
            + routing.outages() + ")"));
        return;
      }
      if (node.retired() && op.fixedNode == null && tries < 2) {
        continue; // the node list changed under us: route again on the new one
      }
      if (node.health.isLive()) {
        boolean standIn = op.key != null && routing.isStandIn(op.key, node);
        if (standIn && op.command.mutates()) {
          Node owner = routing.owner(op.key);
          if (!owner.health.standIns().record(op.key)) {
            node = owner; // it is returning, cleaned of what was written elsewhere: the write goes to it
            standIn = false;
          }
        }
        op.command.capLifetime(standIn ? gutterSeconds : 0);
        dispatch(op, node);
        return;
      }
      if (op.fixedNode != null || routing.failFast() || tries == 2) {
        op.reject(new NodeUnavailableException(op.name() + " on " + node.id
            + ": the node is out of routing after repeated failures; it is probed every " + retryInterval));
        return;
      }
      refused = node; // it has just left routing, and the live set may not say so yet: route without it
      routing.refresh();
    }
  }

  private void dispatch(Op<?, ?> op, Node node) {
    op.node = node;
    op.written = false;
    op.sentAt = clock.nanoTime();
    // A connection being reopened takes the request in its queue (bounded by the deadline): a
    // node in routing is worth an immediate reconnect, which the backoff would delay.
    NodeConnection connection = op.readBySender() ? node.pool.pickToLead() : node.pool.pickOrConnectNow();
    if (connection == null) {
      failed(op, new CacheConnectionException(op.name() + " on " + node.id + ": not connected (reconnecting)"));
      return;
    }
    op.connection = connection;
    if (connection.isColdStart() && op.attempts == 1) {
      op.deadline += connectTimeoutNanos; // a client just opened waits for its first connection, then for the reply
    }
    switch (connection.submit(op)) {
      case ACCEPTED -> { }
      case OVERLOADED -> {
        if (op.waitsForSlot()) {
          op.connection = null; // not on that connection: its caller parks rather than read there
          op.inLine = true;
          node.pool.waitForSlot(op); // sent with the next free slot, behind earlier ones; the deadline holds
        } else {
          overloaded(op, node, false);
        }
      }
      case CLOSED -> failed(op, new CacheConnectionException(op.name() + " on " + node.id + ": connection closed"));
    }
  }

  private void overloaded(Op<?, ?> op, Node node, boolean waited) {
    NodeCounters counters = node.counters;
    counters.rejected.increment();
    counters.operations.increment();
    counters.errors.increment();
    op.reject(new CacheOverloadedException(op.name() + " on " + node.id + ": " + maxInFlight
        + " requests already in flight on each of its connections"
        + (waited ? ", and no slot came free within the operation timeout" : "")));
  }

  /** The reading thread: the op's reply has been read. */
  <R> void replied(Op<R, ?> op) {
    if (!op.end()) {
      return; // it timed out already: a late reply proves nothing about the node's health
    }
    Node node = op.node;
    node.health.onSuccess();
    NodeCounters counters = node.counters;
    counters.operations.increment();
    counters.recordLatency(clock.nanoTime() - op.sentAt);
    ErrorReply error = op.command.error();
    if (error != null) {
      counters.errors.increment();
      op.fail(new CacheServerException(op.name() + " on " + node.id + ": " + error.describe()));
      return;
    }
    R result = op.command.result();
    if (result instanceof Item[] items) {
      for (Item item : items) {
        (item == null ? counters.misses : counters.hits).increment();
      }
    }
    op.succeed(result);
  }

  /**
   * Any thread: the attempt failed through the node (timeout, connection, garbage). The node's
   * health hears of the incident from its connection, once, not from each request it cost.
   */
  void failed(Op<?, ?> op, CachemanException failure) {
    if (op.ended()) {
      return;
    }
    record(op, failure);
    if (RetryPolicy.mayRepeat(op.idempotent, op.written, failure) && state != CLOSED) {
      long wait = retries.waitNanos(op.attempts, ThreadLocalRandom.current().nextDouble());
      if (wait >= 0 && clock.nanoTime() + wait - op.deadline < 0) {
        op.command.reset();
        retrying.add(op);
        try {
          clock.schedule(() -> retryNow(op), wait);
          log.debug("retrying {} in {} µs after: {}", op.name(), wait / 1000, failure.getMessage());
          return;
        } catch (RejectedExecutionException e) {
          retrying.remove(op);
          log.debug("not retrying {}: the client is closing", op.name());
        }
      }
    }
    if (op.end()) {
      op.fail(failure);
    }
  }

  /** A blocking caller's deadline passed with no outcome: ends the op as timed out; false if another ended it. */
  boolean timedOut(Op<?, ?> op) {
    if (!op.end()) {
      return false;
    }
    if (op.inLine) { // never sent: every connection of its node stayed full
      overloaded(op, op.node, true);
      return true;
    }
    boolean waitingToRetry = retrying.remove(op); // its failure is recorded already
    CacheTimeoutException timeout = new CacheTimeoutException(op.name()
        + (op.node == null ? "" : " on " + op.node.id) + " got no reply within the operation timeout");
    if (op.node != null && !waitingToRetry) {
      record(op, timeout);
    }
    op.fail(timeout);
    return true;
  }

  private void record(Op<?, ?> op, CachemanException failure) {
    NodeCounters counters = op.node.counters;
    counters.operations.increment();
    counters.errors.increment();
    counters.recordLatency(clock.nanoTime() - op.sentAt);
    if (failure instanceof CacheTimeoutException) {
      counters.timeouts.increment();
    }
  }

  private void retryNow(Op<?, ?> op) {
    if (retrying.remove(op) && !op.ended()) { // else close() or the caller's deadline ended it already
      route(op);
    }
  }

  /** Ops waiting on the timer for a retry. */
  public int retrying() {
    return retrying.size();
  }

  /** Refuses new calls from now on; retries of calls under way may still go out. */
  public void drain() {
    state = DRAINING;
  }

  /** Refuses everything from now on and fails the ops whose retry will never run. */
  public void close() {
    state = CLOSED;
    List<Op<?, ?>> waiting = new ArrayList<>(retrying);
    for (Op<?, ?> op : waiting) {
      if (retrying.remove(op) && op.end()) {
        op.fail(new CachemanException(op.name() + ": the client is closed"));
      }
    }
  }
}
