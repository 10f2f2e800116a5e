package io.cacheman.server.internal.store;

import java.util.Arrays;

/**
 * Hands out chunks of the slab pages by size class, as memcached does: each page, once taken,
 * is cut into chunks of one class; a class keeps a list of its pages with room; a freed chunk
 * goes back to its page's free list, and a page whose chunks are all free goes back to the pool
 * for any class. The classes ({@link #classSizes}) are fine-grained on a store with many pages and
 * coarse on a small one, so that a workload's mix of sizes never needs more classes than there
 * are pages to give them.
 *
 * <p>Each chunk is charged to the memory limit at {@link #cost}: its page's size divided by the
 * chunks that page holds (so a full page costs at least a page, and the limit caps the pages),
 * plus {@value #BUCKET_SHARE} bytes for its share of the hash buckets on the Java heap.
 *
 * <p>When a class needs a page and none is left, {@link #freezeVictim} picks another class's page
 * with the fewest bytes in use and freezes it (nothing more is handed out from it); the store then
 * moves or evicts its items, and the page returns to the pool once its last chunk is freed.
 *
 * <p>Thread-safe: one monitor guards all of it. It is a leaf lock: held only for a few field
 * updates, never while taking another lock, so segment locks may be held while calling in.
 */
final class SlabAllocator {
  /** Bytes charged per item for its hash bucket share (4-byte buckets, load factor 0.5 to 1). */
  static final int BUCKET_SHARE = 8;
  /** Stores with at least this many pages get fine-grained size classes. */
  static final int FINE_PAGES = 512;
  private static final int SMALLEST = 48;
  private static final int NONE = SlabPages.NONE;
  private static final int FREEZE_ATTEMPTS = 4;
  private static final int WHOLE_SPLITS = 16;

  private final SlabPages mem;
  private final int[] chunkSize;
  private final int[] chunkCost;
  private final int[] availHead;
  // per page; a page in the pool has class NONE
  private final int[] pageClass;
  private final int[] pageLive;
  private final int[] pageFree;
  private final int[] pageCarve;
  private final int[] availNext;
  private final int[] availPrev;
  private final boolean[] inAvail;
  private final boolean[] frozen;
  private final int[] pool;
  private int poolSize;

  SlabAllocator(SlabPages mem) {
    this.mem = mem;
    this.chunkSize = classSizes(mem.pageSize, mem.maxPages());
    this.chunkCost = new int[chunkSize.length];
    for (int c = 0; c < chunkSize.length; c++) {
      int perPage = mem.pageSize / chunkSize[c];
      chunkCost[c] = (mem.pageSize + perPage - 1) / perPage + BUCKET_SHARE;
    }
    this.availHead = new int[chunkSize.length];
    Arrays.fill(availHead, NONE);
    int pages = mem.maxPages();
    pageClass = new int[pages];
    pageLive = new int[pages];
    pageFree = new int[pages];
    pageCarve = new int[pages];
    availNext = new int[pages];
    availPrev = new int[pages];
    inAvail = new boolean[pages];
    frozen = new boolean[pages];
    pool = new int[pages];
  }

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
  static int[] classSizes(int pageSize, int pages) {
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

  /** The class for an item of {@code size} bytes, or {@link SlabPages#NONE} if none holds it. */
  int classFor(long size) {
    if (size > mem.pageSize) {
      return NONE;
    }
    int i = Arrays.binarySearch(chunkSize, (int) size);
    return i >= 0 ? i : -i - 1;
  }

  /** What a chunk of class {@code cls} is charged against the memory limit. */
  int classCost(int cls) {
    return chunkCost[cls];
  }

  /** What chunk {@code h} is charged against the memory limit. */
  int cost(int h) {
    return chunkCost[pageClass[mem.pageOf(h)]];
  }

  int chunkSizeOfClass(int cls) {
    return chunkSize[cls];
  }

  /**
   * A chunk of class {@code cls}, marked {@link Items#RESERVED}, or {@link SlabPages#NONE} when
   * the class has no room and no page can be had.
   */
  synchronized int allocate(int cls) {
    int p = availHead[cls];
    if (p == NONE) {
      p = takePage(cls);
      if (p == NONE) {
        return NONE;
      }
    }
    int h = pageFree[p];
    if (h != NONE) {
      pageFree[p] = mem.getInt(h, Items.CHAIN);
    } else {
      h = mem.handle(p, pageCarve[p]);
      pageCarve[p] += chunkSize[cls];
    }
    pageLive[p]++;
    if (pageFree[p] == NONE && pageCarve[p] + chunkSize[cls] > mem.pageSize) {
      unlinkAvail(p);
    }
    Items.setRefs(mem, h, Items.RESERVED);
    return h;
  }

  /** Returns a chunk; its page goes back to the pool when this was its last one. */
  synchronized void free(int h) {
    int p = mem.pageOf(h);
    Items.setRefs(mem, h, 0);
    mem.putInt(h, Items.CHAIN, pageFree[p]);
    pageFree[p] = h;
    if (--pageLive[p] == 0) {
      unlinkAvail(p);
      frozen[p] = false;
      pageClass[p] = NONE;
      pool[poolSize++] = p;
    } else if (!frozen[p] && !inAvail[p]) {
      linkAvail(p);
    }
  }

  /**
   * Picks the page of a class other than {@code cls} with the fewest bytes in use and no chunk
   * still being filled, freezes it and returns it; {@link SlabPages#NONE} if there is none.
   */
  synchronized int freezeVictim(int cls) {
    boolean[] skip = new boolean[pageClass.length];
    for (int attempt = 0; attempt < FREEZE_ATTEMPTS; attempt++) {
      int best = NONE;
      long bestBytes = Long.MAX_VALUE;
      for (int p = 0; p < mem.allocated(); p++) {
        int c = pageClass[p];
        if (c != NONE && c != cls && !frozen[p] && !skip[p]) {
          long bytes = (long) pageLive[p] * chunkSize[c];
          if (bytes < bestBytes) {
            best = p;
            bestBytes = bytes;
          }
        }
      }
      if (best == NONE) {
        return NONE;
      }
      if (!hasReserved(best)) {
        frozen[best] = true;
        unlinkAvail(best);
        return best;
      }
      skip[best] = true;
    }
    return NONE;
  }

  /** Hands a frozen page's free chunks out again: emptying it was given up. */
  synchronized void unfreeze(int p) {
    if (frozen[p]) {
      frozen[p] = false;
      if (pageFree[p] != NONE || pageCarve[p] + chunkSize[pageClass[p]] <= mem.pageSize) {
        linkAvail(p);
      }
    }
  }

  /** The chunks ever cut from frozen page {@code p}, in order; free ones included. */
  synchronized int[] chunksOf(int p) {
    int size = chunkSize[pageClass[p]];
    int[] chunks = new int[pageCarve[p] / size];
    for (int i = 0; i < chunks.length; i++) {
      chunks[i] = mem.handle(p, i * size);
    }
    return chunks;
  }

  /** The class of the page holding {@code h}. */
  synchronized int classOf(int h) {
    return pageClass[mem.pageOf(h)];
  }

  /** Pages taken from the system so far, and pages back in the pool: {total, pooled}. */
  synchronized int[] pageCounts() {
    return new int[] {mem.allocated(), poolSize};
  }

  private boolean hasReserved(int p) {
    int size = chunkSize[pageClass[p]];
    for (int off = 0; off < pageCarve[p]; off += size) {
      if ((Items.refs(mem, mem.handle(p, off)) & Items.RESERVED) != 0) {
        return true;
      }
    }
    return false;
  }

  private int takePage(int cls) {
    int p = poolSize > 0 ? pool[--poolSize] : mem.addPage();
    if (p == NONE) {
      return NONE;
    }
    pageClass[p] = cls;
    pageLive[p] = 0;
    pageFree[p] = NONE;
    pageCarve[p] = 0;
    frozen[p] = false;
    linkAvail(p);
    return p;
  }

  private void linkAvail(int p) {
    int cls = pageClass[p];
    availPrev[p] = NONE;
    availNext[p] = availHead[cls];
    if (availHead[cls] != NONE) {
      availPrev[availHead[cls]] = p;
    }
    availHead[cls] = p;
    inAvail[p] = true;
  }

  private void unlinkAvail(int p) {
    if (!inAvail[p]) {
      return;
    }
    int prev = availPrev[p];
    int next = availNext[p];
    if (prev != NONE) {
      availNext[prev] = next;
    } else {
      availHead[pageClass[p]] = next;
    }
    if (next != NONE) {
      availPrev[next] = prev;
    }
    inAvail[p] = false;
  }
}
