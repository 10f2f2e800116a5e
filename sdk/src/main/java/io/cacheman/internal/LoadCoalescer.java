package io.cacheman.internal;

import io.cacheman.LoadResult;
import io.cacheman.internal.pipeline.Invoker;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Cache-aside with stampede protection inside one client, for {@code getOrLoad}: the first caller
 * that misses a key leads and loads it; callers that miss the same key meanwhile wait for the
 * leader's result, each until its own deadline. The leader reads the cache once more before
 * loading (a load that finished just before it took the lead has stored the value) and stops
 * leading only after storing, so under concurrent misses a client calls the loader once per key.
 * Loads are scoped by transcoder too, so views with different value types never share a value.
 * Across clients, memcached's leases do the same ({@link GetOrLoad}); this stays in front of them.
 *
 * <p>With the blocking invoker every stage below is complete when it is made, so the leader's
 * read, load and store run one after the other on its own thread, the loader included.
 */
final class LoadCoalescer {
  private record Load(String key, Object scope) {}

  private final ConcurrentHashMap<Load, CompletableFuture<Object>> loads = new ConcurrentHashMap<>();

  /**
   * @param read the cached value or null; never fails (cache failures read as a miss)
   * @param store stores a loaded, non-null value; never fails (failures are ignored)
   */
  <V> CompletionStage<LoadResult<V>> load(String key, Object scope, Supplier<CompletionStage<V>> read,
      Function<? super String, ? extends CompletionStage<? extends V>> loader,
      Function<? super V, ? extends CompletionStage<?>> store, Invoker invoker) {
    long deadline = invoker.newDeadline();
    return read.get().thenCompose(cached -> cached != null
        ? CompletableFuture.completedFuture(new LoadResult<>(cached, false, false))
        : lead(key, scope, deadline, invoker, () -> read.get().thenCompose(again -> again != null
            ? CompletableFuture.completedFuture(new LoadResult<>(again, false, false))
            : loadAndStore(key, loader, store))));
  }

  /**
   * Runs {@code work} for the key unless another caller of this client is running it: then waits
   * for that caller's result, until {@code deadline}. What a follower gets says it did not load.
   */
  <V> CompletionStage<LoadResult<V>> lead(String key, Object scope, long deadline, Invoker invoker,
      Supplier<CompletionStage<LoadResult<V>>> work) {
    Load load = new Load(key, scope);
    CompletableFuture<Object> mine = new CompletableFuture<>();
    CompletableFuture<Object> leader = loads.putIfAbsent(load, mine);
    if (leader != null) {
      @SuppressWarnings("unchecked")
      CompletableFuture<LoadResult<V>> shared = (CompletableFuture<LoadResult<V>>) (CompletableFuture<?>) leader;
      return invoker.join(shared, deadline, "getOrLoad of " + key + " (waiting for another caller's load)")
          .thenApply(r -> new LoadResult<>(r.value(), r.stale(), false));
    }
    return work.get().whenComplete((result, failure) -> {
      loads.remove(load, mine);
      if (failure != null) {
        mine.completeExceptionally(Exceptions.unwrap(failure));
      } else {
        mine.complete(result);
      }
    });
  }

  static <V> CompletionStage<LoadResult<V>> loadAndStore(String key,
      Function<? super String, ? extends CompletionStage<? extends V>> loader,
      Function<? super V, ? extends CompletionStage<?>> store) {
    return loader.apply(key).thenCompose(value -> value == null
        ? CompletableFuture.completedFuture(new LoadResult<>(null, false, true))
        : store.apply(value).handle((stored, ignored) -> new LoadResult<>(value, false, true)));
  }
}
