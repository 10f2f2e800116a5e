package io.cacheman.internal;

import io.cacheman.config.CachemanConfig;
import io.cacheman.config.NodeAddress;
import io.cacheman.internal.connection.ConnectionPool;
import io.cacheman.internal.connection.EventLoop;
import io.cacheman.internal.failover.NodeHealth;
import io.cacheman.internal.stats.NodeCounters;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Builds the nodes of one client, at open and when its node list changes, all with the settings
 * the client was opened with (connections per node, timeouts, backoff and breaker settings are
 * fixed for the client's life). Connections are spread over the client's event loops in turn.
 */
final class NodeFactory {
  private final ConnectionPool.Settings settings;
  private final ClientThreads threads;
  private final int failureThreshold;
  private final Duration retryInterval;
  private final LongSupplier newDeadline;
  private final Runnable onHealthChange;
  private final AtomicInteger nextLoop = new AtomicInteger();

  NodeFactory(CachemanConfig config, ClientThreads threads, LongSupplier newDeadline, Runnable onHealthChange) {
    this.settings = new ConnectionPool.Settings(config.connectionsPerNode(), config.maxInFlightPerConnection(),
        config.connectTimeout(), config.reconnectMinBackoff(), config.reconnectMaxBackoff());
    this.threads = threads;
    this.failureThreshold = config.failureThreshold();
    this.retryInterval = config.retryInterval();
    this.newDeadline = newDeadline;
    this.onHealthChange = onHealthChange;
  }

  /** A node for {@code address}, not yet connecting: call {@code node.pool.start()}. */
  Node create(NodeAddress address) {
    EventLoop[] loops = new EventLoop[settings.connections()];
    for (int slot = 0; slot < loops.length; slot++) {
      loops[slot] = threads.loops[Math.floorMod(nextLoop.getAndIncrement(), threads.loops.length)];
    }
    NodeCounters counters = new NodeCounters();
    ConnectionPool pool = new ConnectionPool(address, settings, loops, threads.connector, threads.scheduler,
        counters.reconnects::increment);
    NodeHealth health = new NodeHealth(address.id(), failureThreshold, retryInterval, threads.scheduler,
        () -> VersionProbe.send(pool, address.id(), newDeadline.getAsLong()), onHealthChange);
    return new Node(address, counters, pool, health);
  }
}
