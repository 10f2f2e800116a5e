package io.cacheman.reliability.workload;

import io.cacheman.config.CachemanConfig;
import io.cacheman.internal.routing.NodeLocator;
import java.nio.charset.StandardCharsets;
import java.util.function.ToIntFunction;

/**
 * Where each key lives when every node is up: the client's own routing (the contract of
 * DESIGN.md §3), so the checker knows which node's health decides whether a miss was expected.
 */
public final class KeyHomes {
  private KeyHomes() {}

  /** The home node index of each key under {@code config}'s nodes and hashing. */
  public static ToIntFunction<String> of(CachemanConfig config) {
    NodeLocator locator = NodeLocator.create(config);
    return key -> locator.primary(key.getBytes(StandardCharsets.UTF_8));
  }
}
