package io.cacheman.internal;

import io.cacheman.config.CachemanConfig;
import java.util.List;

/**
 * One node list with its routing: the nodes in configured order, the locator built over them and
 * the failover rule. Immutable; the engine holds the current one in a single volatile field and
 * swaps in a new one when the configuration changes, so a request routes on one consistent
 * topology from start to end and never sees half of a change.
 */
final class Topology {
  private final Node[] nodes;
  private final List<Node> list;
  private final Router router;

  Topology(CachemanConfig config, Node[] nodes) {
    this.nodes = nodes.clone();
    this.list = List.of(this.nodes);
    this.router = new Router(config, this.nodes);
  }

  /** The node that takes {@code key} now, or null when none can. */
  Node route(byte[] key) {
    int index = router.route(key);
    return index < 0 ? null : nodes[index];
  }

  /**
   * Like {@link #route(byte[])}, but never {@code refused}: a node whose breaker has just turned
   * the request away, though its live flag may still say otherwise. Null {@code refused} excludes
   * nothing.
   */
  Node route(byte[] key, Node refused) {
    int index = router.route(key, refused == null ? -1 : indexOf(refused));
    return index < 0 ? null : nodes[index];
  }

  /**
   * True when {@code node} takes {@code key} only because the key's own node is out of routing
   * (redistribute mode): writes there are failover copies.
   */
  boolean isStandIn(byte[] key, Node node) {
    return router.redistributing() && nodes[router.primary(key)] != node;
  }

  private int indexOf(Node node) {
    for (int i = 0; i < nodes.length; i++) {
      if (nodes[i] == node) {
        return i;
      }
    }
    return -1;
  }

  /** The index of the node that takes {@code key} now, or -1; see {@link #node(int)}. */
  int routeIndex(byte[] key) {
    return router.route(key);
  }

  Node node(int index) {
    return nodes[index];
  }

  /** The nodes in configured order. */
  List<Node> nodes() {
    return list;
  }

  /** The node with this {@code host:port}, or null. */
  Node byId(String id) {
    for (Node node : nodes) {
      if (node.id.equals(id)) {
        return node;
      }
    }
    return null;
  }

  boolean failFast() {
    return router.failFast();
  }

  /** Recomputes which nodes are live, after a breaker changed state. */
  void refresh() {
    router.refresh();
  }
}
