package io.cacheman.server.internal.protocol;

import io.cacheman.server.internal.store.MetaItem;
import io.cacheman.server.internal.store.MetaStore;
import io.cacheman.server.internal.store.MetaVisitor;

/**
 * {@code me <key> [b]}: memcached 1.6.18's human-readable item dump, {@code ME <key> exp=… la=…
 * cas=… fetch=yes|no cls=… size=…} or {@code EN}, without touching the item. {@code size} is the
 * size memcached would give the item and {@code cls} the slab class memcached would put it in with
 * its default classes ({@code -n 48 -f 1.25}, 1 MiB pages), so the line reads the same on both
 * servers; this node's own classes differ (docs/server.md). As in memcached, {@code exp} is the
 * current time minus the expiry, negative while the item lives, -1 without an expiry.
 */
final class MetaDebug extends MetaCommand implements MetaVisitor {
  private static final int[] MEMCACHED_CLASSES = memcachedClasses();

  MetaDebug(MetaCommands meta) {
    super(meta);
  }

  void run(int n) {
    CommandLine line = h.line;
    // memcached checks only the length of the key here, and no flag but a lone "b"
    if (n < 2 || !Keys.valid(line.buffer(), line.start(1), line.length(1))) {
      meta.fail(Words.BAD_FORMAT);
      return;
    }
    boolean binary = n >= 3 && line.length(2) == 1 && line.buffer()[line.start(2)] == 'b';
    if (!flags.key(line, binary)) {
      meta.fail(Words.BAD_FORMAT);
      return;
    }
    int found = h.store.meta().get(flags.key, flags.keyOff, flags.keyLen, false, false, false,
        meta.view, this, null);
    if (found != MetaStore.HIT) {
      h.out.write(MetaWords.EN_LINE);
    }
  }

  @Override
  public boolean visit(MetaItem item) {
    Output out = h.out;
    out.write(MetaWords.ME);
    meta.echo.writeKey(out, flags, item.keyBinary(), false);
    out.writeAscii(" exp=");
    out.writeAscii(Long.toString(item.expiry() == 0 ? -1
        : (int) (item.now() - Integer.toUnsignedLong(item.expiry()))));
    out.writeAscii(" la=");
    out.writeUnsigned(item.secondsSinceAccess());
    out.writeAscii(" cas=");
    out.writeUnsigned(item.cas());
    out.writeAscii(item.fetched() ? " fetch=yes cls=" : " fetch=no cls=");
    long size = item.memcachedSize();
    out.writeUnsigned(memcachedClass(size));
    out.writeAscii(" size=");
    out.writeUnsigned(size);
    out.write(Words.CRLF);
    return true;
  }

  /** memcached's {@code slabs_clsid}: the first class whose chunks hold {@code size} bytes. */
  static int memcachedClass(long size) {
    for (int i = 1; i < MEMCACHED_CLASSES.length; i++) {
      if (size <= MEMCACHED_CLASSES[i]) {
        return i;
      }
    }
    return MEMCACHED_CLASSES.length - 1; // larger items are chunked, and say the largest class
  }

  /** memcached's {@code slabs_init} with its defaults; index 0 is unused, as there. */
  private static int[] memcachedClasses() {
    final int chunkMax = 512 * 1024;
    final double factor = 1.25;
    int[] sizes = new int[64];
    int n = 1;
    long size = 48 + 48; // sizeof(item) plus the -n default
    while (size < chunkMax / factor) {
      if (size % 8 != 0) {
        size += 8 - size % 8;
      }
      sizes[n++] = (int) size;
      size = (long) (size * factor);
    }
    sizes[n++] = chunkMax;
    return java.util.Arrays.copyOf(sizes, n);
  }
}
