package io.cacheman.internal.routing;

import io.cacheman.config.CachemanConfig;
import java.util.function.IntPredicate;

/**
 * Maps a validated key's bytes to the node that owns it, named by its index in the configured node
 * list. Immutable and thread-safe; allocates nothing per call beyond what hashing needs.
 */
public interface NodeLocator {

  /** Index (into the configured node list) of the node that owns this key when all nodes are live. */
  int primary(byte[] key);

  /** The owner among live nodes (redistribute mode): ketama's next live point, or modulo over the live; -1 if none. */
  int locate(byte[] key, IntPredicate isLive);

  /** The locator {@code config} asks for: modulo, or ketama with the configured ring names. */
  static NodeLocator create(CachemanConfig config) {
    return switch (config.hashing()) {
      case MODULO -> new ModuloLocator(config.nodes().size());
      case KETAMA -> KetamaContinuum.build(config.nodes(), config.ketamaNodeNames());
    };
  }
}
