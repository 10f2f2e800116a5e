package io.cacheman;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The non-blocking view of a Cacheman client. Every operation returns a stage that always
 * completes: with the result, or exceptionally with a {@link CachemanException} by the operation
 * timeout at the latest. Invalid keys fail the returned stage with
 * {@link IllegalArgumentException}; no call throws. Stages complete off the I/O threads, so
 * dependent stages may block without stalling the client. Only the client completes them:
 * {@code toCompletableFuture()} gives you a copy to join, time out or cancel.
 *
 * <p>The semantics of each operation are those of the same method on {@link Cache}.
 *
 * @param <V> the value type this view's transcoder produces
 */
public interface AsyncCache<V> extends AutoCloseable {

  /** The value of {@code key}, or {@code null} on a miss. See {@link Cache#get}. */
  CompletionStage<V> get(String key);

  /** The present values among {@code keys}, one request per node in parallel. See {@link Cache#getMulti}. */
  CompletionStage<Map<String, V>> getMulti(Collection<String> keys);

  /** The present values and the keys that could not be read. See {@link Cache#getMultiResult}. */
  CompletionStage<MultiGetResult<V>> getMultiResult(Collection<String> keys);

  /** The value with its CAS unique, or {@code null} on a miss. See {@link Cache#gets}. */
  CompletionStage<CasValue<V>> gets(String key);

  /** Stores {@code value} with the default TTL; true when stored. See {@link Cache#set(String, Object)}. */
  CompletionStage<Boolean> set(String key, V value);

  /** Stores {@code value}; true when stored. See {@link Cache#set(String, Object, Duration)}. */
  CompletionStage<Boolean> set(String key, V value, Duration ttl);

  /** Stores only if {@code key} is absent; true when stored. See {@link Cache#add}. */
  CompletionStage<Boolean> add(String key, V value, Duration ttl);

  /** Stores only if {@code key} is present; true when stored. See {@link Cache#replace}. */
  CompletionStage<Boolean> replace(String key, V value, Duration ttl);

  /** Appends to the existing bytes; false when absent. See {@link Cache#append}. */
  CompletionStage<Boolean> append(String key, V value);

  /** Prepends to the existing bytes; false when absent. See {@link Cache#prepend}. */
  CompletionStage<Boolean> prepend(String key, V value);

  /** Compare-and-set against the CAS unique read by {@link #gets}. See {@link Cache#cas}. */
  CompletionStage<CasResult> cas(String key, long casUnique, V value, Duration ttl);

  /** Removes {@code key}; true when it was present. See {@link Cache#delete}. */
  CompletionStage<Boolean> delete(String key);

  /** Adds {@code delta} to a counter; empty when absent. See {@link Cache#incr(String, long)}. */
  CompletionStage<OptionalLong> incr(String key, long delta);

  /** Adds {@code delta}, or stores {@code initial} when absent. See {@link Cache#incr(String, long, long, Duration)}. */
  CompletionStage<Long> incr(String key, long delta, long initial, Duration ttl);

  /** Subtracts {@code delta} from a counter (stops at 0); empty when absent. See {@link Cache#decr(String, long)}. */
  CompletionStage<OptionalLong> decr(String key, long delta);

  /** Subtracts {@code delta}, or stores {@code initial} when absent. See {@link Cache#decr(String, long, long, Duration)}. */
  CompletionStage<Long> decr(String key, long delta, long initial, Duration ttl);

  /** Sets a new TTL; true when the item was present. See {@link Cache#touch}. */
  CompletionStage<Boolean> touch(String key, Duration ttl);

  /** Reads the value and sets a new TTL in one step; {@code null} on a miss. See {@link Cache#getAndTouch}. */
  CompletionStage<V> getAndTouch(String key, Duration ttl);

  /** Invalidates every item on every node; fails if any node could not be flushed. See {@link Cache#flushAll}. */
  CompletionStage<Void> flushAll();

  /**
   * Cache-aside, as {@link Cache#getOrLoad}; concurrent misses of one key share one loader call.
   * The leader's stage completes when the loader's stage does (a loader stage that never completes
   * leaves it pending: give loaders their own timeouts); callers waiting for another caller's load
   * give up at the operation timeout with {@link CacheTimeoutException}.
   */
  CompletionStage<V> getOrLoad(
      String key, Duration ttl, Function<? super String, ? extends CompletionStage<? extends V>> loader);

  /** As {@link Cache#getOrLoad(String, Duration, Function, Duration)}: fleet-wide leases and early refresh. */
  CompletionStage<V> getOrLoad(String key, Duration ttl,
      Function<? super String, ? extends CompletionStage<? extends V>> loader, Duration refreshAhead);

  /** As {@link Cache#getOrLoadResult}. */
  CompletionStage<LoadResult<V>> getOrLoadResult(String key, Duration ttl,
      Function<? super String, ? extends CompletionStage<? extends V>> loader, Duration refreshAhead);

  /** As {@link Cache#invalidate}. */
  CompletionStage<Boolean> invalidate(String key);

  /** The blocking view of this client. */
  Cache<V> sync();

  /** A view of the same client whose values go through {@code transcoder}. */
  <T> AsyncCache<T> withTranscoder(Transcoder<T> transcoder);

  /** Statistics, routing and live settings of the client behind this view. */
  CacheAdmin admin();

  /**
   * Closes the client as {@link Cache#close()} does, if this view owns it; views made from another
   * view do nothing on close. Blocks until closed; idempotent.
   */
  @Override
  void close();
}
