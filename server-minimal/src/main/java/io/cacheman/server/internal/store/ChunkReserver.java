package io.cacheman.server.internal.store;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reserves chunks: the bytes against the limit first (evicting under LRU or LFU), then a chunk of
 * the size class, taking a page from another class when the class has no room left. Reassignment
 * cannot starve a class: each round freezes a page for it that no command is using, moves what
 * can move and evicts the rest, and the emptied page goes to the class directly (see {@link
 * SlabAllocator#freezeVictim}); rounds go on until the class has a chunk or every page has been
 * tried. Unless another class has a page's worth of free chunks (a page of it can be emptied by
 * moving alone), an old item of the class itself is evicted first if one is near the tail of a
 * recency queue, so a class that already has pages mostly reuses its own chunks.
 * Items a command is reading or updating are never evicted on the way.
 *
 * <p>Thread-safe; called without holding a segment lock.
 */
final class ChunkReserver {
  private static final int NONE = SlabPages.NONE;
  /** Rounds beyond one per page, for pages that other threads were emptying meanwhile. */
  private static final int EXTRA_ROUNDS = 64;

  private final SlabAllocator slabs;
  private final SegmentTable table;
  private final MemoryBudget budget;
  private final boolean evictionEnabled;
  private final AtomicInteger cursor = new AtomicInteger();

  ChunkReserver(SlabAllocator slabs, SegmentTable table, boolean evictionEnabled) {
    this.slabs = slabs;
    this.table = table;
    this.budget = table.budget();
    this.evictionEnabled = evictionEnabled;
  }

  /**
   * Reserves a chunk of class {@code cls} against the limit (evicting if the policy allows) and
   * takes one, marked {@link Items#RESERVED}; {@link SlabPages#NONE} when either cannot be had
   * (nothing stays reserved then) or {@code cls} is NONE.
   */
  int reserve(int cls) {
    if (cls == NONE || !budget.reserve(slabs.classCost(cls))) {
      return NONE;
    }
    int h = chunk(cls);
    if (h == NONE) {
      budget.release(slabs.classCost(cls));
    }
    return h;
  }

  /** A chunk of the class, emptying other classes' pages for it while it has no room. */
  private int chunk(int cls) {
    int h = slabs.allocate(cls);
    int rounds = slabs.maxPages() + EXTRA_ROUNDS;
    if (h == NONE && evictionEnabled && !slabs.anotherClassCanGiveAPage(cls)
        && table.evictOneOfClass(cls, cursor.getAndIncrement())) {
      h = slabs.allocate(cls); // an old item of the same class made room: no page need move
    }
    for (int round = 0; h == NONE && round < rounds; round++) {
      int page = slabs.freezeVictim(cls);
      if (page == NONE) {
        if (!evictionEnabled) {
          break;
        }
        // every other page is in use or being emptied by another thread: let that finish
        Thread.yield();
      } else {
        table.emptyPage(page);
      }
      h = slabs.allocate(cls);
    }
    return h;
  }
}
