package io.cacheman.internal.node;

import io.cacheman.config.CachemanConfig;
import io.cacheman.config.NodeAddress;
import io.cacheman.internal.connection.ConnectionPool;
import io.cacheman.internal.connection.EventLoop;
import io.cacheman.internal.connection.LineSharing;
import io.cacheman.internal.failover.NodeHealth;
import io.cacheman.internal.failover.Probe;
import io.cacheman.internal.failover.Readmission;
import io.cacheman.internal.failover.StandInLog;
import io.cacheman.internal.security.SecuritySettings;
import io.cacheman.internal.stats.NodeCounters;
import io.cacheman.internal.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds the nodes of one client, at open and when its node list changes, all with the settings
 * the client was opened with (connections per node, timeouts, backoff and failover settings are
 * fixed for the client's life). Connections are spread over the client's event loops in turn.
 */
public final class NodeFactory {
  private final CachemanConfig config;
  private final ConnectionPool.Settings settings;
  private final EventLoop[] loops;
  private final Executor connector;
  private final Clock clock;
  private final Runnable onHealthChange;
  private final AtomicInteger nextLoop = new AtomicInteger();

  /** {@code onHealthChange} is called after any node's health changes state. */
  public NodeFactory(CachemanConfig config, EventLoop[] loops, Executor connector, Clock clock, LineSharing sharing,
      Runnable onHealthChange) {
    this.config = config;
    this.settings = new ConnectionPool.Settings(config.connectionsPerNode(), config.maxInFlightPerConnection(),
        config.connectTimeout(), config.reconnectMinBackoff(), config.reconnectMaxBackoff(), config.operationTimeout(),
        config.maxValueSize(), sharing, SecuritySettings.of(config), config.protocol());
    this.loops = loops;
    this.connector = connector;
    this.clock = clock;
    this.onHealthChange = onHealthChange;
  }

  /** A node for {@code address}, not yet connecting: call {@code node.pool.start()}. */
  public Node create(NodeAddress address) {
    EventLoop[] mine = new EventLoop[settings.connections()];
    for (int slot = 0; slot < mine.length; slot++) {
      mine[slot] = loops[Math.floorMod(nextLoop.getAndIncrement(), loops.length)];
    }
    String id = address.id();
    NodeCounters counters = new NodeCounters();
    // The pool reports failures to the health, whose probe and clean-up run through the pool.
    AtomicReference<NodeHealth> health = new AtomicReference<>();
    ConnectionPool pool = new ConnectionPool(address, settings, mine, connector, clock, counters.reconnects::increment,
        why -> health.get().failed(why));
    StandInLog standIns = new StandInLog(config.returnLogSize(), clock);
    Readmission readmission = new Readmission(id, pool, standIns, config.onReturn(), config.gutterTtl(), clock,
        config.operationTimeout());
    long timeout = config.operationTimeout().toNanos();
    health.set(new NodeHealth(id, config.failureThreshold(), config.retryInterval(), clock,
        () -> Probe.probe(pool, id, clock.nanoTime() + timeout), readmission::run, standIns, onHealthChange));
    return new Node(address, counters, pool, health.get());
  }
}
