package io.cacheman.reliability.fuzz;

import io.cacheman.server.Eviction;
import io.cacheman.server.ServerConfig;
import io.cacheman.server.internal.protocol.NodeContext;
import io.cacheman.server.internal.stats.ServerStats;
import io.cacheman.server.internal.store.ItemStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A server-minimal node without a network: the real store and node context, small enough that a
 * fuzz input of a few KB fills it. The store is built directly with an 8 KB limit, below the 1 MB
 * floor {@link ServerConfig} enforces for a real node, so inputs reach eviction and out-of-memory;
 * the accounting code is the same at any size. The item size cap is 4 KB (a valid setting), so
 * values both below and above the reply path's copy threshold (2 KB) occur.
 *
 * <p>Its clock starts at a fixed second and moves one second each time it is read, so a run is
 * deterministic, yet items with a short exptime do expire and a delayed {@code flush_all} does
 * happen a few commands later.
 */
final class SmallNode {
  /** The store's memory limit. */
  static final long LIMIT_BYTES = 8 * 1024;
  /** The item size cap ({@code -I}). */
  static final int MAX_ITEM_SIZE = 4 * 1024;

  private final ItemStore store;
  private final NodeContext context;

  SmallNode(Eviction eviction) {
    Clock clock = new TickingClock();
    ServerConfig config = ServerConfig.builder().port(0).threads(1).maxItemSize(MAX_ITEM_SIZE)
        .eviction(eviction).clock(clock).build();
    ServerStats stats = new ServerStats();
    store = new ItemStore(LIMIT_BYTES, MAX_ITEM_SIZE, eviction, clock, stats);
    context = new NodeContext(store, stats, config, "fuzz", () -> 1);
  }

  ItemStore store() {
    return store;
  }

  NodeContext context() {
    return context;
  }

  /** A clock that moves one second per reading, from 2023-11-14T22:13:20Z. */
  private static final class TickingClock extends Clock {
    private long millis = 1_700_000_000_000L;

    @Override
    public long millis() {
      long now = millis;
      millis += 1000;
      return now;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("the fuzz clock has no zones");
    }
  }
}
