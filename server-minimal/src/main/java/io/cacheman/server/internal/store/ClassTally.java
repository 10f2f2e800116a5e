package io.cacheman.server.internal.store;

import java.util.stream.IntStream;

/**
 * Per size class: pages held, chunks in use, evictions. Kept by {@link SlabAllocator} under its
 * lock (the fields are its to change), read for {@code stats slabs}/{@code stats items} and to
 * choose between evicting an item of a class and emptying another class's page.
 */
final class ClassTally {
  final int[] pages;
  final long[] live;
  final long[] evicted;

  ClassTally(int classes) {
    pages = new int[classes];
    live = new long[classes];
    evicted = new long[classes];
  }

  /**
   * True when a class other than {@code cls} has at least a page's worth of free chunks in its
   * pages: one of its pages can then be emptied by moving its items, evicting nothing, which beats
   * evicting an item of {@code cls} (see {@link ChunkReserver}).
   */
  boolean anotherCanGiveAPage(int cls, int[] chunkSize, int pageSize) {
    for (int c = 0; c < chunkSize.length; c++) {
      long perPage = pageSize / chunkSize[c];
      if (c != cls && pages[c] >= 2 && pages[c] * perPage - live[c] >= perPage) {
        return true;
      }
    }
    return false;
  }

  /**
   * One row per class holding pages: {class (1-based), chunk size, chunks per page, pages,
   * chunks in use, free chunks never carved in its pages, evictions}.
   */
  long[][] rows(int[] chunkSize, int pageSize, long[] uncarved) {
    return IntStream.range(0, chunkSize.length).filter(c -> pages[c] > 0)
        .mapToObj(c -> new long[] {c + 1, chunkSize[c], pageSize / chunkSize[c], pages[c], live[c],
            uncarved[c], evicted[c]})
        .toArray(long[][]::new);
  }
}
