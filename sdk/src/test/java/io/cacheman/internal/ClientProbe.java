package io.cacheman.internal;

import io.cacheman.Cache;
import io.cacheman.Transcoder;
import io.cacheman.config.CachemanConfig;
import io.cacheman.internal.time.Clock;

/** Lets tests in other packages open clients on a clock of theirs, and look at package-private state. */
public final class ClientProbe {
  private ClientProbe() {}

  /** A client on {@code clock}, handed out as the view that owns it. */
  public static <V> Cache<V> open(CachemanConfig config, Clock clock, Transcoder<V> transcoder) {
    return DefaultCache.open(Client.open(config, clock, null), transcoder);
  }

  /** How many connections of the client's nodes are open. */
  public static int openConnections(Cache<?> cache) {
    return ((DefaultCache<?>) cache).ops.client.membership.current().nodes().stream()
        .mapToInt(node -> node.pool.openConnections()).sum();
  }

  /** The watcher of the client's settings file, or null when none runs. */
  public static Object watcherOf(Cache<?> cache) {
    return ((DefaultCache<?>) cache).ops.client.watcher();
  }
}
