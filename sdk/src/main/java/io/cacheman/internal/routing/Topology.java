package io.cacheman.internal.routing;

import io.cacheman.config.CachemanConfig;
import io.cacheman.config.FailoverMode;
import io.cacheman.internal.node.Node;
import java.util.List;
import java.util.stream.Collectors;
import java.util.function.IntPredicate;

/**
 * Where each key goes: one node list, in configured order, with its {@link NodeLocator} and the
 * failover mode. The list never changes (a new configuration swaps in a new topology with one volatile
 * write), so a request routes on one consistent list.
 *
 * <h2>The routing rule</h2>
 * While every node is in routing a key goes to its owner ({@link NodeLocator#primary}). With a node out,
 * {@code redistribute} sends its keys to their owner among the live nodes ({@link NodeLocator#locate}),
 * so only the out node's keys move, and writes landing on such a stand-in are failover copies
 * ({@link #isStandIn}); {@code fail-fast} keeps every key on its owner, and the caller fails at once.
 */
public final class Topology {
  private final Node[] nodes;
  private final List<Node> list;
  private final NodeLocator locator;
  private final boolean failFast;
  private final IntPredicate isLive;
  /** Whether every node is live: a cache of the nodes' health, refreshed when one changes. */
  private volatile boolean allLive = true;

  /** The routing of {@code config}'s hashing and failover mode over {@code nodes} (its node list, in order). */
  public Topology(CachemanConfig config, Node[] nodes) {
    this.nodes = nodes.clone();
    this.list = List.of(this.nodes);
    this.locator = NodeLocator.create(config);
    this.failFast = config.failoverMode() == FailoverMode.FAIL_FAST;
    this.isLive = i -> this.nodes[i].health.isLive();
    refresh(); // nodes carried over from an earlier node list may be out of routing already
  }

  /** The node that takes {@code key} now, or null when none can. */
  public Node route(byte[] key) {
    return node(routeIndex(key));
  }

  /** Like {@link #route(byte[])}, but never {@code refused} (unless null): it just refused, though maybe still live. */
  public Node route(byte[] key, Node refused) {
    if (refused == null) {
      return route(key);
    }
    int excluded = list.indexOf(refused);
    return node(failFast ? locator.primary(key) : locator.locate(key, i -> i != excluded && isLive.test(i)));
  }

  /** The index of the node that takes {@code key} now, or -1; see {@link #node(int)}. */
  public int routeIndex(byte[] key) {
    return allLive || failFast ? locator.primary(key) : locator.locate(key, isLive);
  }

  /** True when {@code node} takes {@code key} only because the key's own node is out of routing. */
  public boolean isStandIn(byte[] key, Node node) {
    return !allLive && !failFast && nodes[locator.primary(key)] != node;
  }

  /** The node that owns {@code key} when every node is in routing. */
  public Node owner(byte[] key) {
    return nodes[locator.primary(key)];
  }

  /** The node at {@code index} in configured order; null for -1. */
  public Node node(int index) {
    return index < 0 ? null : nodes[index];
  }

  public List<Node> nodes() {
    return list;
  }

  /** The node with this {@code host:port}, or null. */
  public Node byId(String id) {
    return list.stream().filter(node -> node.id.equals(id)).findFirst().orElse(null);
  }

  /** Why the nodes are out of routing, for the error of a call that found none: each one's last failure. */
  public String outages() {
    return list.stream().limit(3).map(n -> n.id + ": " + n.health.lastFailure())
        .collect(Collectors.joining("; ")) + (list.size() > 3 ? "; ..." : "");
  }

  /** True when a key whose node is out fails at once rather than going elsewhere. */
  public boolean failFast() {
    return failFast;
  }

  /** Recomputes whether every node is live, after a node's health changed. */
  public void refresh() {
    allLive = list.stream().allMatch(node -> node.health.isLive());
  }
}
