package io.cacheman.internal;

import io.cacheman.CacheConnectionException;
import io.cacheman.CacheOverloadedException;
import io.cacheman.CacheServerException;
import io.cacheman.CacheTimeoutException;
import io.cacheman.CachemanException;
import io.cacheman.NodeUnavailableException;
import io.cacheman.config.CachemanConfig;
import io.cacheman.internal.connection.NodeConnection;
import io.cacheman.internal.failover.RetryPolicy;
import io.cacheman.internal.protocol.Command;
import io.cacheman.internal.protocol.ErrorReply;
import io.cacheman.internal.protocol.Item;
import io.cacheman.internal.protocol.RetrievalCommand;
import io.cacheman.internal.stats.JmxExporter;
import io.cacheman.internal.stats.NodeCounters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client engine behind every {@code Cache}/{@code AsyncCache} view: nodes, routing, failover,
 * retries, threads and stats. Views build an {@link Op} and {@link #send} it; the engine picks
 * the node on the current {@link Topology}, asks its breaker, hands the op to a connection, and on
 * the reply (or failure) records health and stats, retries when the rules allow, and lets the op
 * deliver its outcome. The node list can change while it runs ({@link Reconfiguration}); closing
 * lets requests in flight finish first ({@link EngineCloser}).
 *
 * <h2>Threading</h2>
 * Thread-safe. {@link #send} runs on the caller's thread up to and including the socket write;
 * {@link #onReply} runs on the thread that read the reply (an I/O thread, or a synchronous caller
 * reading its own); failures arrive on any.
 */
public final class Engine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Engine.class);
  private static final AtomicInteger CLIENTS = new AtomicInteger();

  private final String name;
  private final KeyEncoder keys;
  final ClientThreads threads;
  private final RetryPolicy retryPolicy;
  final long timeoutNanos;
  final long tickNanos;
  /** The lifetime cap of writes to a stand-in node ({@code cacheman.failover.gutter-ttl}); 0 = none. */
  private final long gutterSeconds;
  final Membership membership;
  /** Ops waiting on the scheduler for a retry; close fails those it finds still waiting. */
  final Set<Op<?>> retrying = ConcurrentHashMap.newKeySet();
  private final EngineCloser closer = new EngineCloser(this);
  private final Reconfiguration reconfiguration;

  private Engine(CachemanConfig config) {
    this.keys = new KeyEncoder(config.longKeys());
    this.name = "cacheman-" + CLIENTS.incrementAndGet();
    this.timeoutNanos = config.operationTimeout().toNanos();
    Duration gutter = config.gutterTtl();
    this.gutterSeconds = gutter.getSeconds() + (gutter.getNano() > 0 ? 1 : 0);
    this.tickNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1), Math.min(TimeUnit.MILLISECONDS.toNanos(10),
        timeoutNanos / 20));
    this.threads = new ClientThreads(name, config.nodes().size() * config.connectionsPerNode(),
        Duration.ofNanos(tickNanos));
    this.retryPolicy = new RetryPolicy(name, config.retryAttempts());
    NodeFactory factory = new NodeFactory(config, threads, this::newDeadline, this::onHealthChange);
    this.membership = new Membership(name, config, factory, new JmxExporter(), threads.scheduler, timeoutNanos,
        tickNanos);
    this.reconfiguration = new Reconfiguration(name, config, membership, closer);
  }

  /** Opens a client: starts its threads and begins connecting in the background. Never blocks on the network. */
  public static Engine open(CachemanConfig config) {
    Engine engine = new Engine(config);
    engine.membership.start();
    log.debug("Cacheman client {} opened: {}", engine.name, config);
    return engine;
  }

  /** The engine behind a client view ({@code Cache} or {@code AsyncCache}) this SDK returned. */
  public static Engine of(Object client) {
    return Views.engineOf(client);
  }

  /** False once {@link #close()} has been called. */
  public boolean isOpen() {
    return !closer.closing();
  }

  /** The client's name; every thread it starts is named {@code <name>-…}. */
  public String name() {
    return name;
  }

  /** The settings in force: the last ones applied, with settings that cannot change live as opened. */
  public CachemanConfig config() {
    return reconfiguration.current();
  }

  /**
   * Applies {@code wanted} as {@link Reconfiguration} describes.
   *
   * @param source names where the settings came from, for the log
   * @return the settings in force afterwards
   * @throws CachemanException when the client is closed
   */
  public CachemanConfig reconfigure(CachemanConfig wanted, String source) {
    return reconfiguration.apply(wanted, source);
  }

  /** Re-reads {@code file} every {@code cacheman.reload-interval} and applies what changed. */
  public void watch(Path file) {
    reconfiguration.watch(this, file);
  }

  ConfigWatcher watcher() {
    return reconfiguration.watcher();
  }

  /** The key as sent on the wire. @throws IllegalArgumentException for an invalid key */
  byte[] key(String key) {
    return keys.encode(key);
  }

  /** A deadline one operation timeout from now. */
  long newDeadline() {
    return System.nanoTime() + timeoutNanos;
  }

  /** The current node list and its routing; read it once per operation. */
  Topology topology() {
    return membership.current();
  }

  /** The nodes of the current node list, in configured order. */
  public List<Node> nodes() {
    return membership.current().nodes();
  }

  /** Hears about node list changes and close from now on. */
  public void addListener(NodeListListener listener) {
    membership.addListener(listener);
  }

  /** The {@code host:port} of the node that takes {@code key} now, or null if none can. */
  String nodeFor(String key) {
    Node node = topology().route(keys.encode(key));
    return node == null ? null : node.id;
  }

  Executor callbacks() {
    return threads.callbacks;
  }

  /** Sends {@code op} and waits for its outcome on this thread. */
  <R> R call(SyncOp<R> op) {
    send(op);
    return op.await();
  }

  /** Routes and sends a new {@code op}; its outcome arrives through the op, never as an exception here. */
  void send(Op<?> op) {
    op.engine = this;
    if (closer.closing()) {
      op.reject(new CachemanException(op.name() + ": the client is closed"));
      return;
    }
    route(op);
  }

  /** Routes and sends {@code op}: a new one, or a retry (which may still go out while the client drains). */
  private void route(Op<?> op) {
    if (closer.closed()) {
      op.reject(new CachemanException(op.name() + ": the client is closed"));
      return;
    }
    Node refused = null;
    for (int tries = 0; ; tries++) {
      Topology topology = topology();
      Node node = op.fixedNode != null ? op.fixedNode : topology.route(op.key, refused);
      if (node == null) {
        op.reject(new NodeUnavailableException(op.name() + ": no node is available; all are out of routing"));
        return;
      }
      if (node.retired() && op.fixedNode == null && tries < 2) {
        continue; // the node list changed under us: route again on the new one
      }
      if (node.health.isLive() && node.health.tryAcquire()) {
        op.command.capLifetime(op.key != null && topology.isStandIn(op.key, node) ? gutterSeconds : 0);
        dispatch(op, node);
        return;
      }
      if (op.fixedNode != null || topology.failFast() || tries == 2) {
        op.reject(new NodeUnavailableException(op.name() + " on " + node.id
            + ": the node is out of routing after repeated failures; it is probed every " + config().retryInterval()));
        return;
      }
      // Its breaker has just opened, and the live flag may not say so yet: route again without it.
      refused = node;
      topology.refresh();
    }
  }

  private void dispatch(Op<?> op, Node node) {
    op.node = node;
    op.written = false;
    op.sentAt = System.nanoTime();
    // A connection being reopened takes the request in its queue (bounded by the deadline): a
    // node whose breaker is closed is worth an immediate reconnect, which the backoff would delay.
    NodeConnection connection = node.pool.pickOrConnectNow();
    if (connection == null) {
      onFailure(op, new CacheConnectionException(op.name() + " on " + node.id + ": not connected (reconnecting)"));
      return;
    }
    op.connection = connection;
    switch (connection.submit(op)) {
      case ACCEPTED -> { }
      case OVERLOADED -> {
        node.health.release();
        node.counters.rejected.increment();
        node.counters.operations.increment();
        node.counters.errors.increment();
        op.reject(new CacheOverloadedException(op.name() + " on " + node.id + ": "
            + config().maxInFlightPerConnection() + " requests already in flight on its connection"));
      }
      case CLOSED -> onFailure(op, new CacheConnectionException(op.name() + " on " + node.id + ": connection closed"));
    }
  }

  /** The reading thread: the op's reply has been read. */
  void onReply(Op<?> op) {
    Node node = op.node;
    long nanos = System.nanoTime() - op.sentAt;
    node.health.onSuccess(nanos);
    NodeCounters counters = node.counters;
    counters.operations.increment();
    counters.recordLatency(nanos);
    Command<?> command = op.command;
    ErrorReply error = command.error();
    if (error != null) {
      counters.errors.increment();
      op.fail(new CacheServerException(op.name() + " on " + node.id + ": " + error.line()));
      return;
    }
    if (command instanceof RetrievalCommand) {
      for (Item item : (Item[]) command.result()) {
        (item == null ? counters.misses : counters.hits).increment();
      }
    }
    if (op.retry != null) {
      op.retry.onComplete();
    }
    deliver(op);
  }

  private static <R> void deliver(Op<R> op) {
    op.succeed(op.command.result());
  }

  /** Any thread: the attempt failed through the node (timeout, connection, garbage). */
  void onFailure(Op<?> op, CachemanException failure) {
    Node node = op.node;
    long nanos = System.nanoTime() - op.sentAt;
    node.health.onFailure(nanos, failure);
    node.counters.operations.increment();
    node.counters.errors.increment();
    node.counters.recordLatency(nanos);
    if (failure instanceof CacheTimeoutException) {
      node.counters.timeouts.increment();
    }
    if (RetryPolicy.mayRepeat(op.safeToRepeat, op.written, failure) && !closer.closed()) {
      if (op.retry == null) {
        op.retry = retryPolicy.newContext();
      }
      long waitNanos = TimeUnit.MILLISECONDS.toNanos(op.retry.onError(failure));
      if (waitNanos >= 0 && System.nanoTime() + waitNanos - op.deadline < 0) {
        op.command.reset();
        retrying.add(op);
        try {
          threads.scheduler.schedule(() -> retryNow(op), waitNanos, TimeUnit.NANOSECONDS);
          log.debug("retrying {} in {} µs after: {}", op.name(), waitNanos / 1000, failure.getMessage());
          return;
        } catch (RejectedExecutionException e) {
          retrying.remove(op);
          log.debug("not retrying {}: the client is closing", op.name());
        }
      }
    }
    op.fail(failure);
  }

  private void retryNow(Op<?> op) {
    if (retrying.remove(op)) { // else close() failed it already
      route(op);
    }
  }

  private void onHealthChange() {
    topology().refresh();
  }

  /**
   * Stops taking new calls at once, lets the requests in flight finish (one operation timeout at
   * most), then closes every connection, stops every thread and unregisters JMX. Idempotent; a
   * concurrent caller returns when the first one has finished.
   */
  @Override
  public void close() {
    closer.close();
  }
}
