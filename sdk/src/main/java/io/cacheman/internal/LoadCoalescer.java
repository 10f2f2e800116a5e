package io.cacheman.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stampede protection for {@code getOrLoad}: the first caller that misses a key becomes its
 * leader and loads it; callers that miss the same key meanwhile wait for the leader's result. A
 * load is scoped by transcoder too, so views with different value types never share a value.
 */
final class LoadCoalescer {
  private record Load(String key, Object scope) {}

  private final ConcurrentHashMap<Load, CompletableFuture<Object>> loads = new ConcurrentHashMap<>();

  /**
   * Registers {@code mine} as the load of {@code key}.
   *
   * @return null when the caller leads (it must call {@link #done} when finished), else the
   *     leader's future
   */
  CompletableFuture<Object> lead(String key, Object scope, CompletableFuture<Object> mine) {
    return loads.putIfAbsent(new Load(key, scope), mine);
  }

  /** The leader is finished; later misses start a new load. */
  void done(String key, Object scope, CompletableFuture<Object> mine) {
    loads.remove(new Load(key, scope), mine);
  }
}
