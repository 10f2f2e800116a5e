package io.cacheman.internal.routing;

import io.cacheman.config.CachemanConfig;
import java.util.function.IntPredicate;

/**
 * Maps a key to the node that owns it. Nodes are named by their index in the configured node
 * list. Immutable and thread-safe; built once per client from its {@link CachemanConfig}.
 *
 * <p>Keys arrive as the UTF-8 bytes of an already validated key. Implementations allocate nothing
 * per call beyond what hashing needs.
 */
public interface NodeLocator {

  /** Index (into the configured node list) of the node that owns this key when all nodes are live. */
  int primary(byte[] key);

  /**
   * The owner among live nodes (redistribute mode): ketama = next point owned by a live node;
   * modulo = hash mod liveCount over the live nodes in configured order. -1 if none live.
   */
  int locate(byte[] key, IntPredicate isLive);

  /** The locator {@code config} asks for: modulo, or ketama with the configured ring names. */
  static NodeLocator create(CachemanConfig config) {
    return switch (config.hashing()) {
      case MODULO -> new ModuloLocator(config.nodes().size());
      case KETAMA -> KetamaContinuum.build(config.nodes(), config.ketamaNodeNames());
    };
  }
}
