package io.cacheman.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Cache-aside with stampede protection, for {@code getOrLoad} of both views: the first caller
 * that misses a key leads and loads it; callers that miss the same key meanwhile wait for the
 * leader's result. The leader reads the cache once more before loading (a load that finished just
 * before it took the lead has stored the value) and stops leading only after storing, so under
 * concurrent misses a client calls the loader once per key. Loads are scoped by transcoder too,
 * so views with different value types never share a value.
 */
final class LoadCoalescer {
  private record Load(String key, Object scope) {}

  private final ConcurrentHashMap<Load, CompletableFuture<Object>> loads = new ConcurrentHashMap<>();

  /**
   * Blocking form.
   *
   * @param read the cached value or null (cache failures read as null)
   * @param store stores a loaded, non-null value (failures ignored)
   */
  <V> V load(String key, Object scope, Supplier<V> read, Function<? super String, ? extends V> loader,
      Consumer<? super V> store) {
    V cached = read.get();
    if (cached != null) {
      return cached;
    }
    Load load = new Load(key, scope);
    CompletableFuture<Object> mine = new CompletableFuture<>();
    CompletableFuture<Object> leader = loads.putIfAbsent(load, mine);
    if (leader != null) {
      try {
        @SuppressWarnings("unchecked")
        V shared = (V) leader.join();
        return shared;
      } catch (RuntimeException e) {
        throw Exceptions.forCaller(e);
      }
    }
    try {
      V value = read.get();
      if (value == null) {
        value = loader.apply(key);
        if (value != null) {
          store.accept(value);
        }
      }
      mine.complete(value);
      return value;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      loads.remove(load, mine);
    }
  }

  /**
   * Non-blocking form; the stages of {@code read} and {@code store} never fail (failures read as
   * a miss and are ignored, respectively).
   */
  <V> CompletableFuture<V> loadAsync(String key, Object scope, Supplier<CompletableFuture<V>> read,
      Function<? super String, ? extends CompletionStage<? extends V>> loader,
      Function<? super V, ? extends CompletableFuture<?>> store) {
    @SuppressWarnings("unchecked")
    Function<Object, V> cast = value -> (V) value;
    return read.get().thenCompose(cached -> {
      if (cached != null) {
        return CompletableFuture.completedFuture(cached);
      }
      Load load = new Load(key, scope);
      CompletableFuture<Object> mine = new CompletableFuture<>();
      CompletableFuture<Object> leader = loads.putIfAbsent(load, mine);
      if (leader != null) {
        return leader.thenApply(cast); // a copy: followers cannot complete the leader's future
      }
      read.get()
          .thenCompose(again -> again != null ? CompletableFuture.completedFuture(again) : loadAndStore(key, loader, store))
          .whenComplete((value, failure) -> {
            loads.remove(load, mine);
            if (failure != null) {
              mine.completeExceptionally(Exceptions.unwrap(failure));
            } else {
              mine.complete(value);
            }
          });
      return mine.thenApply(cast);
    });
  }

  private static <V> CompletableFuture<V> loadAndStore(String key,
      Function<? super String, ? extends CompletionStage<? extends V>> loader,
      Function<? super V, ? extends CompletableFuture<?>> store) {
    CompletableFuture<V> loaded = new CompletableFuture<>();
    loader.apply(key).whenComplete((value, failure) -> {
      if (failure != null) {
        loaded.completeExceptionally(failure);
      } else {
        loaded.complete(value);
      }
    });
    return loaded.thenCompose(value -> value == null
        ? CompletableFuture.completedFuture(null)
        : store.apply(value).handle((stored, ignored) -> value));
  }
}
