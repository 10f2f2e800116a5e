package io.cacheman.server.internal.protocol;

import java.util.ArrayDeque;

/**
 * The staging blocks the {@link Output}s of one event loop copy small replies into: taken when a
 * connection has something to say and given back as soon as the socket has taken it, so an idle
 * connection holds none and a busy one allocates nothing per request. Keeps up to {@value
 * #KEPT} blocks for reuse; more are left to the garbage collector.
 *
 * <p>Not thread-safe: one per event loop, used by its thread only.
 */
public final class OutputBlocks {
  static final int BLOCK_SIZE = 16 * 1024;
  private static final int KEPT = 64;
  private final ArrayDeque<byte[]> free = new ArrayDeque<>(KEPT);

  byte[] take() {
    byte[] block = free.pollLast();
    return block != null ? block : new byte[BLOCK_SIZE];
  }

  /** Blocks kept for reuse. */
  int kept() {
    return free.size();
  }

  void give(byte[] block) {
    if (free.size() < KEPT) {
      free.addLast(block);
    }
  }
}
