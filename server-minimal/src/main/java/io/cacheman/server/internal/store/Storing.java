package io.cacheman.server.internal.store;

import io.cacheman.server.internal.stats.ServerStats;

/**
 * Storing an allocated, filled item in the place of the key's live item (every mode but append and
 * prepend, which are {@link Concatenation}), as memcached 1.6's {@code do_store_item}: add only
 * where there is none, replace and cas only where there is one, cas only when the cas matches.
 * For {@code ms … I C<cas>} ({@code invalidate}), a non-zero cas below the item's is accepted as
 * an older version: it is stored stale, keeping the newer item's expiry and win token, so readers
 * keep getting X until a fresh value arrives. The reservation is used or given back either way.
 */
final class Storing {
  private static final int NONE = ItemStore.NONE;

  private Storing() {}

  static StoreOutcome apply(ItemStore store, StoreMode mode, int h, long cas, boolean invalidate,
      long[] casOut) {
    SlabPages mem = store.mem;
    ServerStats stats = store.stats();
    Segment seg = store.table.segmentFor(Items.hash(mem, h));
    int cost = store.slabs.cost(h);
    long now = store.now();
    StoreOutcome outcome;
    synchronized (seg) {
      int old = store.findLiveSameKey(seg, h, now);
      if (invalidate && mode == StoreMode.CAS && old != NONE && cas != 0
          && Long.compareUnsigned(cas, Items.cas(mem, old)) < 0) {
        // an older version, accepted as stale: it keeps the expiry and win token of the newer
        Items.setExpiry(mem, h, Items.expiry(mem, old));
        Items.setAccess(mem, h, Items.access(mem, h) | Items.STALE
            | (Items.access(mem, old) & Items.WIN_SENT));
        stats.casHits.increment();
        outcome = StoreOutcome.STORED;
      } else {
        outcome = decide(store, mode, old, cas);
      }
      if (outcome == StoreOutcome.STORED) {
        long unique = store.nextCas();
        Items.setCas(mem, h, unique);
        Items.setRefs(mem, h, Items.LINKED);
        Items.accessedAt(mem, h, now);
        if (old == NONE) {
          seg.insert(h, cost);
        } else {
          store.link(seg, old, h);
        }
        if (casOut != null) {
          casOut[0] = unique;
        }
      }
    }
    if (outcome == StoreOutcome.STORED) {
      stats.totalItems.increment();
    } else {
      store.abandon(h);
    }
    return outcome;
  }

  private static StoreOutcome decide(ItemStore store, StoreMode mode, int existing,
      long casUnique) {
    ServerStats stats = store.stats();
    switch (mode) {
      case ADD:
        return existing == NONE ? StoreOutcome.STORED : StoreOutcome.NOT_STORED;
      case REPLACE:
        return existing == NONE ? StoreOutcome.NOT_STORED : StoreOutcome.STORED;
      case CAS:
        if (existing == NONE) {
          stats.casMisses.increment();
          return StoreOutcome.NOT_FOUND;
        }
        if (Items.cas(store.mem, existing) != casUnique) {
          stats.casBadval.increment();
          return StoreOutcome.EXISTS;
        }
        stats.casHits.increment();
        return StoreOutcome.STORED;
      default:
        return StoreOutcome.STORED;
    }
  }
}
