package io.cacheman.server.internal.store;

import java.util.Arrays;

/** The chunk sizes of the slab classes for a store of a given page size and page count. */
final class SizeClasses {
  /** Stores with at least this many pages get fine-grained size classes. */
  static final int FINE_PAGES = 512;
  private static final int SMALLEST = 48;
  private static final int WHOLE_SPLITS = 16;

  private SizeClasses() {}

  /**
   * The chunk sizes, smallest first: 16 bytes apart up to 1 KB, then about 12.5% apart, which
   * wastes little of each chunk. A store of fewer than {@value #FINE_PAGES} pages keeps the 16-byte
   * steps only up to 256 bytes, then grows by 25% (memcached's default factor): every class in use
   * holds at least one page, and values of 32 B to 4 KB use about 75 fine classes, which a 64-page
   * store cannot give a page each, so the classes took pages from each other by evicting while most
   * of the limit was unused (finding 8 in docs/RELIABILITY.md). The same values use about 25 of
   * these classes, and small items, the most numerous, still get chunks close to their size.
   *
   * <p>Past a {@value #WHOLE_SPLITS}th of a page the page is split into 15, 14, ... 1 chunks: a
   * large chunk that does not divide its page wastes the page's tail (up to 15% of a 64 KiB page
   * for 11 KB chunks), charged to its items.
   */
  static int[] of(int pageSize, int pages) {
    boolean fine = pages >= FINE_PAGES;
    int stepsUpTo = fine ? 1024 : 256;
    int growthDivisor = fine ? 8 : 4;
    int[] sizes = new int[256];
    int n = 0;
    sizes[n++] = SMALLEST;
    while (true) {
      int last = sizes[n - 1];
      int next = last < stepsUpTo ? last + 16 : roundUp16(last + last / growthDivisor);
      if (next > pageSize / WHOLE_SPLITS) {
        break;
      }
      sizes[n++] = next;
    }
    for (int per = WHOLE_SPLITS; per >= 1; per--) {
      int s = (pageSize / per) & ~15;
      if (s > sizes[n - 1]) {
        sizes[n++] = s;
      }
    }
    return Arrays.copyOf(sizes, n);
  }

  private static int roundUp16(int size) {
    return (size + 15) & ~15;
  }

}
