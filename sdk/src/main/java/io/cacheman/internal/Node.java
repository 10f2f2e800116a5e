package io.cacheman.internal;

import io.cacheman.NodeStats;
import io.cacheman.config.NodeAddress;
import io.cacheman.internal.connection.ConnectionPool;
import io.cacheman.internal.failover.NodeHealth;
import io.cacheman.internal.stats.NodeCounters;

/** One configured node as the engine holds it: its connections, its health and its counters. */
final class Node {
  final int index;
  final NodeAddress address;
  final String id;
  final NodeCounters counters = new NodeCounters();
  ConnectionPool pool;
  NodeHealth health;

  Node(int index, NodeAddress address) {
    this.index = index;
    this.address = address;
    this.id = address.id();
  }

  NodeStats stats() {
    return counters.snapshot(id, health.state(), pool.inFlight(), health.transitions());
  }
}
