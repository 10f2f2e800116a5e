package io.cacheman.internal;

import io.cacheman.config.CachemanConfig;
import io.cacheman.config.FailoverMode;
import io.cacheman.internal.routing.NodeLocator;
import java.util.function.IntPredicate;

/**
 * Picks the node for a key: the locator's owner while every node is live; with a node out,
 * {@code redistribute} asks the locator for the owner among live nodes, {@code fail-fast} keeps
 * the owner (and the engine fails the call at once if it is out).
 */
final class Router {
  private final NodeLocator locator;
  private final Node[] nodes;
  private final boolean failFast;
  private final IntPredicate isLive;
  private volatile boolean allLive = true;

  Router(CachemanConfig config, Node[] nodes) {
    this.locator = NodeLocator.create(config);
    this.nodes = nodes;
    this.failFast = config.failoverMode() == FailoverMode.FAIL_FAST;
    this.isLive = i -> nodes[i].health.isLive();
    refresh(); // nodes carried over from an earlier node list may be out of routing already
  }

  /** The node index for {@code key}, or -1 when no node can take it. */
  int route(byte[] key) {
    return allLive || failFast ? locator.primary(key) : locator.locate(key, isLive);
  }

  /**
   * Like {@link #route(byte[])}, but never {@code refused} (a node whose breaker has just turned
   * the request away, though its live flag may still say otherwise); -1 means no node is refused.
   */
  int route(byte[] key, int refused) {
    if (refused < 0) {
      return route(key);
    }
    return failFast ? locator.primary(key) : locator.locate(key, i -> i != refused && isLive.test(i));
  }

  /** True while some node is out and its keys go to other nodes (redistribute mode). */
  boolean redistributing() {
    return !allLive && !failFast;
  }

  /** The index of the node that owns {@code key} when every node is live. */
  int primary(byte[] key) {
    return locator.primary(key);
  }

  boolean failFast() {
    return failFast;
  }

  /** Called after any node's breaker changes state. */
  void refresh() {
    boolean all = true;
    for (Node node : nodes) {
      all &= node.health.isLive();
    }
    allLive = all;
  }
}
