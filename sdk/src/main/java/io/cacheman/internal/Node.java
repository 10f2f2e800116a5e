package io.cacheman.internal;

import io.cacheman.NodeState;
import io.cacheman.NodeStats;
import io.cacheman.config.NodeAddress;
import io.cacheman.internal.connection.ConnectionPool;
import io.cacheman.internal.failover.NodeHealth;
import io.cacheman.internal.stats.NodeCounters;

/**
 * One node as the engine holds it: its connections, its health and its counters. A node outlives
 * the node lists it is part of: when the configuration changes, a node whose {@code host:port} is
 * still listed is carried over as it is (connections, breaker, counters), and a node no longer
 * listed is {@linkplain #retire() retired}: it takes no new routes and its connections close once
 * the requests already on them have finished.
 */
public final class Node {
  final NodeAddress address;
  final String id;
  final NodeCounters counters;
  final ConnectionPool pool;
  final NodeHealth health;
  private volatile boolean retired;

  Node(NodeAddress address, NodeCounters counters, ConnectionPool pool, NodeHealth health) {
    this.address = address;
    this.id = address.id();
    this.counters = counters;
    this.pool = pool;
    this.health = health;
  }

  /** The node's {@code host:port}, as configured. */
  public String id() {
    return id;
  }

  /** The node's live counters (read them; the engine writes them). */
  public NodeCounters counters() {
    return counters;
  }

  /** Where the node stands in routing now. */
  public NodeState state() {
    return health.state();
  }

  /** Requests written or queued to the node and not yet answered. */
  public int inFlight() {
    return pool.inFlight();
  }

  /** Circuit breaker transitions so far. */
  public long breakerTransitions() {
    return health.transitions();
  }

  /** True once the node has been dropped from the configuration. */
  boolean retired() {
    return retired;
  }

  /** Takes the node out of service: no new routes, no more probes. Its pool is closed by a drain. */
  void retire() {
    retired = true;
    health.close();
  }

  NodeStats stats() {
    return counters.snapshot(id, health.state(), pool.inFlight(), health.transitions());
  }

  @Override
  public String toString() {
    return id;
  }
}
