package io.cacheman.server.internal.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The memory items live in: up to {@link #maxPages()} direct buffers of {@link #pageSize} bytes,
 * allocated on first use and kept for the life of the store (as memcached keeps its slab pages),
 * outside the Java heap, so the garbage collector neither copies nor scans them and the process's
 * resident memory follows the pages in use.
 *
 * <p>A place in the pages is an {@code int} handle counting 16-byte units from the start of page 0:
 * page {@code h >>> unitsPerPageShift}, byte offset {@code (h & mask) << 4}. Every chunk starts on
 * a 16-byte boundary, so 2^32 units address 64 GiB. {@link #NONE} (all ones) can never be a chunk,
 * which needs more than the last unit.
 *
 * <p>All access is absolute (no buffer position is ever moved), so any thread may read and write
 * through the same buffers; callers provide the ordering (segment locks, the allocator's lock).
 */
final class SlabPages {
  static final int NONE = -1;
  static final int UNIT_SHIFT = 4;
  /** Most memory the handles can address. */
  static final long MAX_BYTES = 1L << (32 + UNIT_SHIFT);
  /** Largest page size; a page never needs to be larger unless one item needs it. */
  static final int MAX_PAGE_SIZE = 1 << 20;
  /** Smallest page size, below which a page's tail and its bookkeeping would weigh too much. */
  static final int MIN_PAGE_SIZE = 1 << 16;
  /** Pages a limit is cut into at least (unless a single item needs larger pages). */
  static final int MIN_PAGES = 16;
  private static final Logger LOG = LoggerFactory.getLogger(SlabPages.class);
  private static final VarHandle KEY_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

  final int pageSize;
  private final int unitsShift;
  private final int unitMask;
  private final ByteBuffer[] pages;
  private int allocated;
  private boolean refusedLogged;

  /** Pages for {@code limitBytes} of items, each large enough for a chunk of {@code maxChunk}. */
  SlabPages(long limitBytes, int maxChunk) {
    if (limitBytes > MAX_BYTES) {
      throw new IllegalArgumentException("memory limit above " + (MAX_BYTES >> 30) + " GiB");
    }
    this.pageSize = pageSizeFor(limitBytes, maxChunk);
    int pageShift = Integer.numberOfTrailingZeros(pageSize);
    this.unitsShift = pageShift - UNIT_SHIFT;
    this.unitMask = (1 << unitsShift) - 1;
    this.pages = new ByteBuffer[pagesFor(limitBytes, pageSize)];
  }

  /**
   * The page size: a power of two holding the largest chunk, otherwise 1 MiB, or less for a limit
   * under {@value #MIN_PAGES} MiB so that the limit is at least {@value #MIN_PAGES} pages (but no
   * less than {@value #MIN_PAGE_SIZE} bytes).
   *
   * <p>Why small limits get smaller pages: every size class in use keeps a page that is only
   * partly filled, while an item is charged just its chunk's share of a page. With eviction off
   * no page can change class by evicting, so each class beyond the first strands up to a page of
   * the limit: one 1 MiB page per class would leave a 1 MiB node holding a few items of its first
   * class and refusing the rest. A sixteenth of the limit per page bounds that loss.
   */
  static int pageSizeFor(long limitBytes, int maxChunk) {
    int fitsLargest = Integer.highestOneBit(Math.max(1, maxChunk - 1)) << 1;
    long share = Long.highestOneBit(Math.max(1, limitBytes / MIN_PAGES));
    int preferred = (int) Math.max(MIN_PAGE_SIZE, Math.min(MAX_PAGE_SIZE, share));
    return Math.max(preferred, fitsLargest);
  }

  /** The limit rounded up to whole pages (at least one). */
  static int pagesFor(long limitBytes, int pageSize) {
    return (int) Math.max(1, (limitBytes + pageSize - 1) / pageSize);
  }

  int maxPages() {
    return pages.length;
  }

  /** Pages allocated so far. */
  int allocated() {
    return allocated;
  }

  /**
   * Allocates the next page and returns its number, or {@link #NONE} when every page exists or
   * the JVM refuses more direct memory ({@code -XX:MaxDirectMemorySize}). The caller holds the
   * allocator's lock.
   */
  int addPage() {
    if (allocated == pages.length) {
      return NONE;
    }
    try {
      pages[allocated] = ByteBuffer.allocateDirect(pageSize).order(ByteOrder.nativeOrder());
    } catch (OutOfMemoryError e) {
      if (!refusedLogged) {
        refusedLogged = true;
        LOG.warn("the JVM refused a {} MB slab page after {} pages ({}); the node holds fewer "
            + "items than its memory limit allows: raise -XX:MaxDirectMemorySize (see "
            + "docs/server.md)", pageSize >> 20, allocated, e.getMessage());
      }
      return NONE;
    }
    return allocated++;
  }

  int handle(int page, int offset) {
    return (page << unitsShift) | (offset >>> UNIT_SHIFT);
  }

  int pageOf(int h) {
    return h >>> unitsShift;
  }

  /** The buffer holding chunk {@code h}; with {@link #base} for absolute access. */
  ByteBuffer page(int h) {
    return pages[h >>> unitsShift];
  }

  int base(int h) {
    return (h & unitMask) << UNIT_SHIFT;
  }

  long getLong(int h, int field) {
    return page(h).getLong(base(h) + field);
  }

  void putLong(int h, int field, long v) {
    page(h).putLong(base(h) + field, v);
  }

  int getInt(int h, int field) {
    return page(h).getInt(base(h) + field);
  }

  void putInt(int h, int field, int v) {
    page(h).putInt(base(h) + field, v);
  }

  byte getByte(int h, int field) {
    return page(h).get(base(h) + field);
  }

  void putByte(int h, int field, byte v) {
    page(h).put(base(h) + field, v);
  }

  /** Copies {@code len} bytes from {@code src[off..]} to {@code at} bytes into chunk {@code h}. */
  void write(int h, int at, byte[] src, int off, int len) {
    page(h).put(base(h) + at, src, off, len);
  }

  /** Copies {@code len} bytes from {@code at} bytes into chunk {@code h} to {@code dst[off..]}. */
  void read(int h, int at, byte[] dst, int off, int len) {
    page(h).get(base(h) + at, dst, off, len);
  }

  /** Copies {@code len} bytes between chunks (which may live in different pages). */
  void copy(int from, int fromAt, int to, int toAt, int len) {
    page(to).put(base(to) + toAt, page(from), base(from) + fromAt, len);
  }

  /** True when chunks {@code a} and {@code b} hold the same {@code len} bytes at {@code at}. */
  boolean equals(int a, int b, int at, int len) {
    ByteBuffer pa = page(a);
    ByteBuffer pb = page(b);
    int i = base(a) + at;
    int j = base(b) + at;
    int end = i + len;
    for (; i + 8 <= end; i += 8, j += 8) {
      if (pa.getLong(i) != pb.getLong(j)) {
        return false;
      }
    }
    for (; i < end; i++, j++) {
      if (pa.get(i) != pb.get(j)) {
        return false;
      }
    }
    return true;
  }

  /** True when {@code len} bytes at {@code at} in chunk {@code h} equal {@code key[off..]}. */
  boolean equals(int h, int at, byte[] key, int off, int len) {
    ByteBuffer p = page(h);
    int i = base(h) + at;
    int k = off;
    int end = off + len;
    for (; k + 8 <= end; i += 8, k += 8) {
      if (p.getLong(i) != (long) KEY_LONG.get(key, k)) {
        return false;
      }
    }
    for (; k < end; i++, k++) {
      if (p.get(i) != key[k]) {
        return false;
      }
    }
    return true;
  }
}
