package io.cacheman.internal;

import io.cacheman.CacheConnectionException;
import io.cacheman.CacheOverloadedException;
import io.cacheman.CacheServerException;
import io.cacheman.CacheTimeoutException;
import io.cacheman.CachemanException;
import io.cacheman.ClientStats;
import io.cacheman.NodeState;
import io.cacheman.NodeStats;
import io.cacheman.NodeUnavailableException;
import io.cacheman.config.CachemanConfig;
import io.cacheman.internal.connection.ConnectionPool;
import io.cacheman.internal.connection.EventLoop;
import io.cacheman.internal.connection.NodeConnection;
import io.cacheman.internal.failover.NodeHealth;
import io.cacheman.internal.failover.RetryPolicy;
import io.cacheman.internal.protocol.Command;
import io.cacheman.internal.protocol.ErrorReply;
import io.cacheman.internal.protocol.Item;
import io.cacheman.internal.protocol.RetrievalCommand;
import io.cacheman.internal.stats.JmxExporter;
import io.cacheman.internal.stats.NodeCounters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client engine behind every {@code Cache}/{@code AsyncCache} view: nodes, routing, failover,
 * retries, threads and stats. Views build an {@link Op} and {@link #send} it; the engine picks
 * the node, asks its breaker, hands the op to a connection, and on the reply (or failure)
 * records health and stats, retries when the rules allow, and lets the op deliver its outcome.
 *
 * <h2>Threading</h2>
 * Thread-safe. {@link #send} runs on the caller's thread up to and including the socket write;
 * {@link #onReply} runs on an I/O thread; failures arrive on either.
 */
public final class Engine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Engine.class);
  private static final AtomicInteger CLIENTS = new AtomicInteger();

  private final String name;
  private final CachemanConfig config;
  private final Node[] nodes;
  private final Router router;
  private final KeyEncoder keys;
  private final ClientThreads threads;
  private final RetryPolicy retryPolicy;
  private final JmxExporter jmx = new JmxExporter();
  private final long timeoutNanos;
  /** The lifetime cap of writes to a stand-in node ({@code cacheman.failover.gutter-ttl}); 0 = none. */
  private final long gutterSeconds;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Engine(CachemanConfig config) {
    this.config = config;
    this.keys = new KeyEncoder(config.longKeys());
    this.name = "cacheman-" + CLIENTS.incrementAndGet();
    this.timeoutNanos = config.operationTimeout().toNanos();
    Duration gutter = config.gutterTtl();
    this.gutterSeconds = gutter.getSeconds() + (gutter.getNano() > 0 ? 1 : 0);
    int perNode = config.connectionsPerNode();
    Duration tick = Duration.ofNanos(Math.max(TimeUnit.MILLISECONDS.toNanos(1),
        Math.min(TimeUnit.MILLISECONDS.toNanos(10), timeoutNanos / 20)));
    this.threads = new ClientThreads(name, config.nodes().size() * perNode, tick);
    this.retryPolicy = new RetryPolicy(name, config.retryAttempts());
    this.nodes = new Node[config.nodes().size()];
    ConnectionPool.Settings settings = new ConnectionPool.Settings(perNode, config.maxInFlightPerConnection(),
        config.connectTimeout(), config.reconnectMinBackoff(), config.reconnectMaxBackoff());
    for (int i = 0; i < nodes.length; i++) {
      Node node = new Node(i, config.nodes().get(i));
      EventLoop[] loops = new EventLoop[perNode];
      for (int slot = 0; slot < perNode; slot++) {
        loops[slot] = threads.loops[(i * perNode + slot) % threads.loops.length];
      }
      node.pool = new ConnectionPool(node.address, settings, loops, threads.connector, threads.scheduler,
          node.counters.reconnects::increment);
      node.health = new NodeHealth(node.id, config.failureThreshold(), config.retryInterval(), threads.scheduler,
          () -> VersionProbe.send(node.pool, node.id, newDeadline()), this::onHealthChange);
      nodes[i] = node;
    }
    this.router = new Router(config, nodes);
  }

  /** Opens a client: starts its threads and begins connecting in the background. Never blocks on the network. */
  public static Engine open(CachemanConfig config) {
    Engine engine = new Engine(config);
    for (Node node : engine.nodes) {
      node.pool.start();
      engine.jmx.export(engine.name, node.id, node::stats);
    }
    log.debug("Cacheman client {} opened: {}", engine.name, config);
    return engine;
  }

  /** The client's name; every thread it starts is named {@code <name>-…}. */
  public String name() {
    return name;
  }

  /** The settings this client was opened with. */
  public CachemanConfig config() {
    return config;
  }

  /** The key as sent on the wire. @throws IllegalArgumentException for an invalid key */
  byte[] key(String key) {
    return keys.encode(key);
  }

  /** A deadline one operation timeout from now. */
  long newDeadline() {
    return System.nanoTime() + timeoutNanos;
  }

  int nodeCount() {
    return nodes.length;
  }

  /** The {@code host:port} of the node that takes {@code key} now, or null if none can. */
  String nodeFor(String key) {
    int index = router.route(keys.encode(key));
    return index < 0 ? null : nodes[index].id;
  }

  /** The {@code host:port} of node {@code index}. */
  String nodeId(int index) {
    return nodes[index].id;
  }

  /** The node that takes {@code key} now, or -1 if none can. */
  int route(byte[] key) {
    return router.route(key);
  }

  Executor callbacks() {
    return threads.callbacks;
  }

  /** Sends {@code op} and waits for its outcome on this thread. */
  <R> R call(SyncOp<R> op) {
    send(op);
    return op.await();
  }

  /** Routes and sends {@code op}; its outcome arrives through the op, never as an exception here. */
  void send(Op<?> op) {
    op.engine = this;
    if (closed.get()) {
      op.reject(new CachemanException(op.name() + ": the client is closed"));
      return;
    }
    int refused = -1;
    for (int tries = 0; ; tries++) {
      int index = op.fixedNode >= 0 ? op.fixedNode : router.route(op.key, refused);
      if (index < 0) {
        op.reject(new NodeUnavailableException(op.name() + ": no node is available; all are out of routing"));
        return;
      }
      Node node = nodes[index];
      if (node.health.isLive() && node.health.tryAcquire()) {
        op.command.capLifetime(op.key != null && router.isStandIn(op.key, index) ? gutterSeconds : 0);
        dispatch(op, node);
        return;
      }
      if (op.fixedNode >= 0 || router.failFast() || tries == 2) {
        op.reject(new NodeUnavailableException(op.name() + " on " + node.id
            + ": the node is out of routing after repeated failures; it is probed every " + config.retryInterval()));
        return;
      }
      // Its breaker has just opened, and the live flag may not say so yet: route again without it.
      refused = index;
      router.refresh();
    }
  }

  private void dispatch(Op<?> op, Node node) {
    op.node = node.index;
    op.written = false;
    op.sentAt = System.nanoTime();
    // A connection being reopened takes the request in its queue (bounded by the deadline): a
    // node whose breaker is closed is worth an immediate reconnect, which the backoff would delay.
    NodeConnection connection = node.pool.pickOrConnectNow();
    if (connection == null) {
      onFailure(op, new CacheConnectionException(op.name() + " on " + node.id + ": not connected (reconnecting)"));
      return;
    }
    switch (connection.submit(op)) {
      case ACCEPTED -> { }
      case OVERLOADED -> {
        node.health.release();
        node.counters.rejected.increment();
        node.counters.operations.increment();
        node.counters.errors.increment();
        op.reject(new CacheOverloadedException(op.name() + " on " + node.id + ": "
            + config.maxInFlightPerConnection() + " requests already in flight on its connection"));
      }
      case CLOSED -> onFailure(op, new CacheConnectionException(op.name() + " on " + node.id + ": connection closed"));
    }
  }

  /** I/O thread: the op's reply has been read. */
  void onReply(Op<?> op) {
    Node node = nodes[op.node];
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
    Node node = nodes[op.node];
    long nanos = System.nanoTime() - op.sentAt;
    node.health.onFailure(nanos, failure);
    node.counters.operations.increment();
    node.counters.errors.increment();
    node.counters.recordLatency(nanos);
    if (failure instanceof CacheTimeoutException) {
      node.counters.timeouts.increment();
    }
    if (RetryPolicy.mayRepeat(op.safeToRepeat, op.written, failure) && !closed.get()) {
      if (op.retry == null) {
        op.retry = retryPolicy.newContext();
      }
      long waitNanos = TimeUnit.MILLISECONDS.toNanos(op.retry.onError(failure));
      if (waitNanos >= 0 && System.nanoTime() + waitNanos - op.deadline < 0) {
        op.command.reset();
        try {
          threads.scheduler.schedule(() -> send(op), waitNanos, TimeUnit.NANOSECONDS);
          log.debug("retrying {} in {} µs after: {}", op.name(), waitNanos / 1000, failure.getMessage());
          return;
        } catch (RejectedExecutionException e) {
          log.debug("not retrying {}: the client is closing", op.name());
        }
      }
    }
    op.fail(failure);
  }

  private void onHealthChange() {
    router.refresh();
  }

  /** A snapshot of every node's stats and their total. */
  public ClientStats stats() {
    List<NodeStats> perNode = new ArrayList<>(nodes.length);
    Histogram latency = new Histogram(2);
    NodeState best = NodeState.OUT;
    for (Node node : nodes) {
      Histogram own = node.counters.latencySnapshot();
      latency.add(own);
      NodeStats s = node.counters.snapshot(node.id, node.health.state(), node.pool.inFlight(),
          node.health.transitions(), own);
      perNode.add(s);
      if (s.state() == NodeState.UP || (s.state() == NodeState.PROBING && best == NodeState.OUT)) {
        best = s.state();
      }
    }
    NodeStats total = NodeCounters.stats("*", best, sum(perNode, NodeStats::operations), sum(perNode, NodeStats::hits),
        sum(perNode, NodeStats::misses), sum(perNode, NodeStats::errors), sum(perNode, NodeStats::timeouts),
        sum(perNode, NodeStats::rejected), (int) sum(perNode, NodeStats::inFlight), sum(perNode, NodeStats::reconnects),
        sum(perNode, NodeStats::breakerTransitions), latency);
    return new ClientStats(perNode, total);
  }

  private static long sum(List<NodeStats> stats, ToLongFunction<NodeStats> field) {
    return stats.stream().mapToLong(field).sum();
  }

  /** Closes every connection (failing what is pending), stops every thread, unregisters JMX. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (Node node : nodes) {
      node.health.close();
      node.pool.close();
    }
    threads.close();
    jmx.close();
    log.debug("Cacheman client {} closed", name);
  }
}
