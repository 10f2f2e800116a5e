package io.cacheman.testing;

import io.cacheman.config.CachemanConfig;
import io.cacheman.internal.routing.NodeLocator;
import java.nio.charset.StandardCharsets;

/** Keys that a client's routing puts on a chosen node, for tests that need a key on each node. */
public final class Keys {
  private Keys() {}

  /** The first of {@code prefix0}, {@code prefix1}, ... that {@code locator} puts on node {@code node}. */
  public static String ownedBy(NodeLocator locator, int node, String prefix) {
    for (int i = 0; ; i++) {
      String key = prefix + i;
      if (locator.primary(key.getBytes(StandardCharsets.UTF_8)) == node) {
        return key;
      }
    }
  }

  /** Like {@link #ownedBy(NodeLocator, int, String)}, with {@code config}'s routing (all nodes in it). */
  public static String ownedBy(CachemanConfig config, int node, String prefix) {
    return ownedBy(NodeLocator.create(config), node, prefix);
  }
}
