package io.cacheman.spring;

import io.cacheman.CacheAdmin;
import io.cacheman.NodeMetrics;
import io.cacheman.NodeState;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The health of a client's nodes, as its health indicators (one per Spring Boot line) report it:
 * UP while every node of the node list is in routing, DOWN when any is out (or being probed), or
 * when the client is closed. The details name each node with its routing state and counters. It
 * reads the client's own state and does no I/O, so a health check never waits on a node.
 *
 * @param up whether every node is in routing
 * @param details {@code client}, and under {@code nodes} one entry per node
 */
record ClusterHealth(boolean up, Map<String, Object> details) {

  static ClusterHealth of(CacheAdmin admin) {
    Map<String, Object> nodes = new LinkedHashMap<>();
    boolean up = admin.isOpen();
    for (NodeMetrics node : admin.nodes()) {
      up &= node.state() == NodeState.UP;
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("state", node.state().name());
      detail.put("inFlight", node.inFlight());
      detail.put("operations", node.operations());
      detail.put("errors", node.errors());
      detail.put("timeouts", node.timeouts());
      nodes.put(node.node(), detail);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("client", admin.name());
    details.put("nodes", nodes);
    return new ClusterHealth(up && !nodes.isEmpty(), details);
  }
}
