package io.cacheman.server.internal.store;

import java.util.Arrays;

/**
 * Hands out chunks of the slab pages by size class, as memcached does: each page, once taken,
 * is cut into chunks of one class; a class keeps a list of its pages with room; a freed chunk
 * goes back to its page's free list, and a page whose chunks are all free goes back to the pool
 * for any class. The classes ({@link SizeClasses}) are fine-grained on a store with many pages and
 * coarse on a small one, so that a workload's mix of sizes never needs more classes than there
 * are pages to give them.
 *
 * <p>Each chunk is charged to the memory limit at {@link #cost}: its page's size divided by the
 * chunks that page holds (so a full page costs at least a page, and the limit caps the pages),
 * plus {@value #BUCKET_SHARE} bytes for its share of the hash buckets ({@link Buckets}).
 *
 * <p>When a class needs a page and none is left, {@link #freezeVictim} picks another class's page
 * with the fewest bytes in use and no chunk in use by a command (being filled, read or updated),
 * and freezes it for the class that asked (nothing more is handed out from it); the store then
 * moves or evicts its items, and once its last chunk is freed the page goes straight to that class,
 * not to the pool where another class could take it first (memcached's slab mover also hands the
 * page to its destination). So a class that needs a page gets one however many others compete.
 *
 * <p>Thread-safe: one monitor guards all of it. It is a leaf lock: held only for a few field
 * updates, never while taking another lock, so segment locks may be held while calling in.
 */
final class SlabAllocator {
  /** Bytes charged per item for its hash bucket share (4-byte buckets, load factor 0.5 to 1). */
  static final int BUCKET_SHARE = 8;
  private static final int NONE = SlabPages.NONE;

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
  /** For a frozen page: the class it goes to once empty. */
  private final int[] pageDest;
  private final int[] pool;
  private final ClassTally tally;
  private int poolSize;

  SlabAllocator(SlabPages mem) {
    this.mem = mem;
    this.chunkSize = SizeClasses.of(mem.pageSize, mem.maxPages());
    this.chunkCost = new int[chunkSize.length];
    for (int c = 0; c < chunkSize.length; c++) {
      int perPage = mem.pageSize / chunkSize[c];
      chunkCost[c] = (mem.pageSize + perPage - 1) / perPage + BUCKET_SHARE;
    }
    this.availHead = new int[chunkSize.length];
    Arrays.fill(availHead, NONE);
    int pages = mem.maxPages();
    pageClass = new int[pages];
    Arrays.fill(pageClass, NONE);
    pageLive = new int[pages];
    pageFree = new int[pages];
    pageCarve = new int[pages];
    availNext = new int[pages];
    availPrev = new int[pages];
    inAvail = new boolean[pages];
    frozen = new boolean[pages];
    pageDest = new int[pages];
    pool = new int[pages];
    tally = new ClassTally(chunkSize.length);
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
    return allocate(cls, true);
  }

  /** A free chunk of class {@code cls} in a page it already has; never takes a page. */
  synchronized int allocateExisting(int cls) {
    return allocate(cls, false);
  }

  private int allocate(int cls, boolean mayTakePage) {
    int p = availHead[cls];
    if (p == NONE) {
      p = mayTakePage ? takePage(cls) : NONE;
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
    tally.live[cls]++;
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
    tally.live[pageClass[p]]--;
    if (--pageLive[p] == 0) {
      unlinkAvail(p);
      boolean handOver = frozen[p] && pageDest[p] != NONE;
      frozen[p] = false;
      if (handOver) {
        assign(p, pageDest[p]);
      } else {
        tally.pages[pageClass[p]]--;
        pageClass[p] = NONE;
        pool[poolSize++] = p;
      }
    } else if (!frozen[p] && !inAvail[p]) {
      linkAvail(p);
    }
  }

  /**
   * Picks the page of a class other than {@code cls} with the fewest bytes in use and no chunk
   * in use by a command ({@link #isBusy}), freezes it for {@code cls} and returns it; {@link
   * SlabPages#NONE} if every page is busy or frozen already. Pages still being carved come after
   * the others: they hold their class's newest items, and taking them would make two classes
   * trade the same fresh page back and forth. Pages of {@code cls} itself come last: when the
   * class holds every page that can be had, emptying one of its own (evicting its items) is the
   * only way to a chunk of its size, since eviction by recency frees chunks of any class.
   */
  synchronized int freezeVictim(int cls) {
    int pages = mem.allocated();
    long[] candidates = new long[pages];
    int n = 0;
    for (int p = 0; p < pages; p++) {
      int c = pageClass[p];
      if (c != NONE && !frozen[p]) {
        // a page still being carved is its class's newest: its items are the last to go
        long fresh = pageCarve[p] + chunkSize[c] <= mem.pageSize ? 1L << 61 : 0;
        long own = c == cls ? 1L << 62 : 0;
        candidates[n++] = own | fresh | ((long) pageLive[p] * chunkSize[c] << 20) | p;
      }
    }
    Arrays.sort(candidates, 0, n);
    for (int i = 0; i < n; i++) {
      int p = (int) (candidates[i] & ((1 << 20) - 1));
      if (!isBusy(p)) {
        unlinkAvail(p);
        if (pageLive[p] == 0) {
          assign(p, cls); // nothing to empty (a page just handed over): no free() will come
        } else {
          frozen[p] = true;
          pageDest[p] = cls;
        }
        return p;
      }
    }
    return NONE;
  }

  /** True while page {@code p} is frozen for another class and not yet emptied. */
  synchronized boolean isFrozen(int p) {
    return frozen[p];
  }

  /** Hands a frozen page's free chunks out again: emptying it was given up. */
  synchronized void unfreeze(int p) {
    if (frozen[p]) {
      frozen[p] = false;
      pageDest[p] = NONE;
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

  /** See {@link ClassTally#rows}: one row per size class holding pages. */
  synchronized long[][] classRows() {
    long[] uncarved = new long[chunkSize.length];
    for (int p = 0; p < mem.allocated(); p++) {
      int c = pageClass[p];
      if (c != NONE) {
        uncarved[c] += (mem.pageSize - pageCarve[p]) / chunkSize[c];
      }
    }
    return tally.rows(chunkSize, mem.pageSize, uncarved);
  }

  /** Counts an eviction of chunk {@code h} against its class. */
  synchronized void countEviction(int h) {
    int c = pageClass[mem.pageOf(h)];
    if (c != NONE) {
      tally.evicted[c]++;
    }
  }

  /** See {@link ClassTally#anotherCanGiveAPage}. */
  synchronized boolean anotherClassCanGiveAPage(int cls) {
    return tally.anotherCanGiveAPage(cls, chunkSize, mem.pageSize);
  }

  /** The most pages the store may have. */
  int maxPages() {
    return mem.maxPages();
  }

  /** Pages taken from the system so far, and pages back in the pool: {total, pooled}. */
  synchronized int[] pageCounts() {
    return new int[] {mem.allocated(), poolSize};
  }

  /**
   * True when a chunk of page {@code p} is being filled (reserved) or read (a queued reply, an
   * update holding the old value): such a chunk can be neither moved nor evicted. The reference
   * field changes under segment locks, not this one, so the answer may be stale; {@link
   * SegmentTable#emptyPage} checks each item again under its lock.
   */
  private boolean isBusy(int p) {
    int size = chunkSize[pageClass[p]];
    for (int off = 0; off < pageCarve[p]; off += size) {
      int refs = Items.refs(mem, mem.handle(p, off));
      if ((refs & Items.RESERVED) != 0 || (refs & Items.READERS) != 0) {
        return true;
      }
    }
    return false;
  }

  private int takePage(int cls) {
    int p = poolSize > 0 ? pool[--poolSize] : mem.addPage();
    if (p != NONE) {
      assign(p, cls);
    }
    return p;
  }

  /** Gives empty page {@code p} to class {@code cls}. */
  private void assign(int p, int cls) {
    if (pageClass[p] != NONE) {
      tally.pages[pageClass[p]]--;
    }
    tally.pages[cls]++;
    pageClass[p] = cls;
    pageLive[p] = 0;
    pageFree[p] = NONE;
    pageCarve[p] = 0;
    frozen[p] = false;
    pageDest[p] = NONE;
    linkAvail(p);
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
