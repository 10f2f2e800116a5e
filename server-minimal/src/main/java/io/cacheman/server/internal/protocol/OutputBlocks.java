package io.cacheman.server.internal.protocol;

import java.util.ArrayDeque;

/**
 * The staging blocks the {@link Output}s of one event loop copy small replies into: taken when a
 * connection has something to say and given back as soon as the socket has taken it, so an idle
 * connection holds none and a busy one allocates nothing per request. Keeps up to {@value
 * #KEPT} blocks for reuse; more are left to the garbage collector.
 *
 * <p>It also keeps the loop's account of connection memory on the heap: staging blocks out with
 * connections plus read buffers lent to them ({@link #lent}). Past its budget, connections that
 * already hold replies stop taking commands until their client reads them (see {@link
 * Output#mayTakeMore}), so clients that never read cannot run the node out of heap.
 *
 * <p>Not thread-safe: one per event loop, used by its thread only.
 */
public final class OutputBlocks {
  static final int BLOCK_SIZE = 16 * 1024;
  private static final int KEPT = 64;
  private final ArrayDeque<byte[]> free = new ArrayDeque<>(KEPT);
  private final long budgetBytes;
  private long outBytes;

  /** Blocks with no budget (tests, benchmarks). */
  public OutputBlocks() {
    this(Long.MAX_VALUE);
  }

  /** Blocks for one event loop whose connections may hold {@code budgetBytes} of heap. */
  public OutputBlocks(long budgetBytes) {
    this.budgetBytes = budgetBytes;
  }

  byte[] take() {
    outBytes += BLOCK_SIZE;
    byte[] block = free.pollLast();
    return block != null ? block : new byte[BLOCK_SIZE];
  }

  /** Records {@code bytes} of read buffer lent to a connection (negative: given back). */
  public void lent(long bytes) {
    outBytes += bytes;
  }

  /** True when the loop's connections hold more heap than its budget. */
  boolean overBudget() {
    return outBytes > budgetBytes;
  }

  /** Heap held by this loop's connections: staging blocks and read buffers. */
  public long heldBytes() {
    return outBytes;
  }

  /** Blocks kept for reuse. */
  int kept() {
    return free.size();
  }

  void give(byte[] block) {
    outBytes -= BLOCK_SIZE;
    if (free.size() < KEPT) {
      free.addLast(block);
    }
  }
}
