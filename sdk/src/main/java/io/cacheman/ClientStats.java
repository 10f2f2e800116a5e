package io.cacheman;

import java.util.List;

/**
 * An immutable snapshot of the client's statistics: one {@link NodeStats} per configured node,
 * in configured order, and their total.
 *
 * @param nodes per node, in the order of {@code cacheman.nodes}
 * @param total the sum over all nodes (latencies over all operations)
 */
public record ClientStats(List<NodeStats> nodes, NodeStats total) {
  /** Copies {@code nodes} so the snapshot cannot change. */
  public ClientStats {
    nodes = List.copyOf(nodes);
  }

  /** The stats of the node with this {@code host:port}, or {@code null} if none. */
  public NodeStats node(String id) {
    return nodes.stream().filter(n -> n.node().equals(id)).findFirst().orElse(null);
  }
}
