package io.cacheman.internal.node;

import io.cacheman.NodeMetrics;
import io.cacheman.NodeState;
import io.cacheman.NodeStats;
import io.cacheman.config.NodeAddress;
import io.cacheman.internal.connection.ConnectionPool;
import io.cacheman.internal.failover.NodeHealth;
import io.cacheman.internal.stats.NodeCounters;

/**
 * One node as the client holds it: its connections, its health and its counters. A node outlives
 * the node lists it is part of: when the configuration changes, a node whose {@code host:port} is
 * still listed is carried over as it is (connections, health, counters), and a node no longer
 * listed is {@linkplain #retire() retired}: it takes no new routes and its connections close once
 * the requests already on them have finished.
 */
public final class Node implements NodeMetrics {
  public final NodeAddress address;
  public final String id;
  public final NodeCounters counters;
  public final ConnectionPool pool;
  public final NodeHealth health;
  private volatile boolean retired;

  Node(NodeAddress address, NodeCounters counters, ConnectionPool pool, NodeHealth health) {
    this.address = address;
    this.id = address.id();
    this.counters = counters;
    this.pool = pool;
    this.health = health;
  }

  /** True once the node has been dropped from the configuration. */
  public boolean retired() {
    return retired;
  }

  /** Takes the node out of service: no new routes, no more probes. Its pool is closed by a {@link NodeDrain}. */
  public void retire() {
    retired = true;
    health.close();
  }

  /** Stops probing and closes every connection, failing what is still pending. */
  public void close() {
    health.close();
    pool.close();
  }

  @Override public String node() { return id; }
  @Override public NodeState state() { return health.state(); }
  @Override public long operations() { return counters.operations.sum(); }
  @Override public long hits() { return counters.hits.sum(); }
  @Override public long misses() { return counters.misses.sum(); }
  @Override public long errors() { return counters.errors.sum(); }
  @Override public long timeouts() { return counters.timeouts.sum(); }
  @Override public long rejected() { return counters.rejected.sum(); }
  @Override public long reconnects() { return counters.reconnects.sum(); }
  @Override public long latencyNanos() { return counters.latencyNanos.sum(); }
  @Override public int inFlight() { return pool.inFlight(); }
  @Override public long breakerTransitions() { return health.transitions(); }

  @Override
  public NodeStats snapshot() {
    return counters.snapshot(id, health.state(), pool.inFlight(), health.transitions());
  }

  @Override
  public String toString() {
    return id;
  }
}
