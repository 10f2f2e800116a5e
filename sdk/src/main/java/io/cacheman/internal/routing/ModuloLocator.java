package io.cacheman.internal.routing;

import java.util.function.IntPredicate;

/**
 * FNV-1a 32 of the key, unsigned, mod the number of nodes: where libmemcached puts keys with hash
 * {@code fnv1a_32} and distribution {@code modula}. With a node out, the hash is taken mod the
 * number of live nodes and counted over the live nodes in configured order, so most keys move
 * (about (N-1)/N of them); ketama moves far fewer.
 */
public final class ModuloLocator implements NodeLocator {
  private final int nodeCount;

  public ModuloLocator(int nodeCount) {
    if (nodeCount < 1) {
      throw new IllegalArgumentException("nodeCount must be at least 1, was " + nodeCount);
    }
    this.nodeCount = nodeCount;
  }

  @Override
  public int primary(byte[] key) {
    return Integer.remainderUnsigned(Fnv1a32.hash(key), nodeCount);
  }

  @Override
  public int locate(byte[] key, IntPredicate isLive) {
    int live = 0;
    for (int i = 0; i < nodeCount; i++) {
      if (isLive.test(i)) {
        live++;
      }
    }
    if (live == nodeCount) {
      return primary(key);
    }
    if (live == 0) {
      return -1;
    }
    int wanted = Integer.remainderUnsigned(Fnv1a32.hash(key), live);
    // The liveness view may change between the two passes; fall back to any live node then.
    int lastLive = -1;
    for (int i = 0; i < nodeCount; i++) {
      if (isLive.test(i)) {
        if (wanted-- == 0) {
          return i;
        }
        lastLive = i;
      }
    }
    return lastLive;
  }

  @Override
  public String toString() {
    return "ModuloLocator{nodes=" + nodeCount + "}";
  }
}
