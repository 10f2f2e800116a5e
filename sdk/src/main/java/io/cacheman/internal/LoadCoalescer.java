package io.cacheman.internal;

import io.cacheman.internal.pipeline.Invoker;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Cache-aside with stampede protection, for {@code getOrLoad}: the first caller that misses a key
 * leads and loads it; callers that miss the same key meanwhile wait for the leader's result, each
 * until its own deadline. The leader reads the cache once more before loading (a load that
 * finished just before it took the lead has stored the value) and stops leading only after
 * storing, so under concurrent misses a client calls the loader once per key. Loads are scoped by
 * transcoder too, so views with different value types never share a value.
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
  <V> CompletionStage<V> load(String key, Object scope, Supplier<CompletionStage<V>> read,
      Function<? super String, ? extends CompletionStage<? extends V>> loader,
      Function<? super V, ? extends CompletionStage<?>> store, Invoker invoker) {
    long deadline = invoker.newDeadline();
    return read.get().thenCompose(cached -> {
      if (cached != null) {
        return CompletableFuture.completedFuture(cached);
      }
      Load load = new Load(key, scope);
      CompletableFuture<Object> mine = new CompletableFuture<>();
      CompletableFuture<Object> leader = loads.putIfAbsent(load, mine);
      if (leader != null) {
        @SuppressWarnings("unchecked")
        CompletableFuture<V> shared = (CompletableFuture<V>) (CompletableFuture<?>) leader;
        return invoker.join(shared, deadline, "getOrLoad of " + key + " (waiting for another caller's load)");
      }
      return read.get()
          .thenCompose(again -> again != null ? CompletableFuture.completedFuture(again) : loadAndStore(key, loader, store))
          .whenComplete((value, failure) -> {
            loads.remove(load, mine);
            if (failure != null) {
              mine.completeExceptionally(Exceptions.unwrap(failure));
            } else {
              mine.complete(value);
            }
          });
    });
  }

  private static <V> CompletionStage<V> loadAndStore(String key,
      Function<? super String, ? extends CompletionStage<? extends V>> loader,
      Function<? super V, ? extends CompletionStage<?>> store) {
    return loader.apply(key).thenCompose(value -> value == null
        ? CompletableFuture.completedFuture(null)
        : store.apply(value).handle((stored, ignored) -> value));
  }
}
