package io.cacheman;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The non-blocking view of a Cacheman client. Every operation returns a future that always
 * completes: with the result, or exceptionally with a {@link CachemanException} by the operation
 * timeout at the latest. Invalid keys fail the returned future with
 * {@link IllegalArgumentException}; no call throws. Futures complete off the I/O threads, so
 * dependent stages may block without stalling the client.
 *
 * <p>The semantics of each operation are those of the same method on {@link Cache}.
 *
 * @param <V> the value type this view's transcoder produces
 */
public interface AsyncCache<V> extends AutoCloseable {

  CompletableFuture<V> get(String key);

  CompletableFuture<Map<String, V>> getMulti(Collection<String> keys);

  CompletableFuture<CasValue<V>> gets(String key);

  CompletableFuture<Boolean> set(String key, V value);

  CompletableFuture<Boolean> set(String key, V value, Duration ttl);

  CompletableFuture<Boolean> add(String key, V value, Duration ttl);

  CompletableFuture<Boolean> replace(String key, V value, Duration ttl);

  CompletableFuture<Boolean> append(String key, V value);

  CompletableFuture<Boolean> prepend(String key, V value);

  CompletableFuture<CasResult> cas(String key, long casUnique, V value, Duration ttl);

  CompletableFuture<Boolean> delete(String key);

  CompletableFuture<OptionalLong> incr(String key, long delta);

  CompletableFuture<Long> incr(String key, long delta, long initial, Duration ttl);

  CompletableFuture<OptionalLong> decr(String key, long delta);

  CompletableFuture<Long> decr(String key, long delta, long initial, Duration ttl);

  CompletableFuture<Boolean> touch(String key, Duration ttl);

  CompletableFuture<V> getAndTouch(String key, Duration ttl);

  CompletableFuture<Void> flushAll();

  /**
   * Cache-aside, as {@link Cache#getOrLoad}; concurrent misses of one key share one loader call.
   */
  CompletableFuture<V> getOrLoad(
      String key, Duration ttl, Function<? super String, ? extends CompletionStage<? extends V>> loader);

  /** The blocking view of this client. */
  Cache<V> sync();

  /** A view of the same client whose values go through {@code transcoder}. */
  <T> AsyncCache<T> withTranscoder(Transcoder<T> transcoder);

  ClientStats stats();

  /** Closes the client (all its views); idempotent. */
  @Override
  void close();
}
