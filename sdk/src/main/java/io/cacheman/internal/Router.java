package io.cacheman.internal;

import io.cacheman.config.CachemanConfig;
import io.cacheman.config.FailoverMode;
import java.util.function.IntPredicate;

/**
 * Picks the node for a key: the locator's owner while every node is live; with a node out,
 * {@code redistribute} asks the locator for the owner among live nodes, {@code fail-fast} keeps
 * the owner (and the engine fails the call at once if it is out).
 */
final class Router {
  private final StandInLocator locator;
  private final Node[] nodes;
  private final boolean failFast;
  private final IntPredicate isLive;
  private volatile boolean allLive = true;

  Router(CachemanConfig config, Node[] nodes) {
    this.locator = new StandInLocator(nodes.length);
    this.nodes = nodes;
    this.failFast = config.failoverMode() == FailoverMode.FAIL_FAST;
    this.isLive = i -> nodes[i].health.isLive();
  }

  /** The node index for {@code key}, or -1 when no node can take it. */
  int route(byte[] key) {
    return allLive || failFast ? locator.primary(key) : locator.locate(key, isLive);
  }

  /** The node that owns {@code key} when all nodes are up, whatever their state now. */
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

  /** Throwaway stand-in for NodeLocator (modulo only) until the routing package lands. */
  private static final class StandInLocator {
    private final int size;

    StandInLocator(int size) {
      this.size = size;
    }

    int primary(byte[] key) {
      return (int) (Integer.toUnsignedLong(fnv(key)) % size);
    }

    int locate(byte[] key, IntPredicate live) {
      int[] up = new int[size];
      int count = 0;
      for (int i = 0; i < size; i++) {
        if (live.test(i)) {
          up[count++] = i;
        }
      }
      return count == 0 ? -1 : up[(int) (Integer.toUnsignedLong(fnv(key)) % count)];
    }

    private static int fnv(byte[] key) {
      int h = 0x811C9DC5;
      for (byte b : key) {
        h ^= b & 0xff;
        h *= 16777619;
      }
      return h;
    }
  }
}
