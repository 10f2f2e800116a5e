package io.cacheman;

import io.cacheman.config.CachemanConfig;
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

  /** The value of {@code key}, or {@code null} on a miss. See {@link Cache#get}. */
  CompletableFuture<V> get(String key);

  /** The present values among {@code keys}, one request per node in parallel. See {@link Cache#getMulti}. */
  CompletableFuture<Map<String, V>> getMulti(Collection<String> keys);

  /** The present values and the keys that could not be read. See {@link Cache#getMultiResult}. */
  CompletableFuture<MultiGetResult<V>> getMultiResult(Collection<String> keys);

  /** The value with its CAS unique, or {@code null} on a miss. See {@link Cache#gets}. */
  CompletableFuture<CasValue<V>> gets(String key);

  /** Stores {@code value} with the default TTL; true when stored. See {@link Cache#set(String, Object)}. */
  CompletableFuture<Boolean> set(String key, V value);

  /** Stores {@code value}; true when stored. See {@link Cache#set(String, Object, Duration)}. */
  CompletableFuture<Boolean> set(String key, V value, Duration ttl);

  /** Stores only if {@code key} is absent; true when stored. See {@link Cache#add}. */
  CompletableFuture<Boolean> add(String key, V value, Duration ttl);

  /** Stores only if {@code key} is present; true when stored. See {@link Cache#replace}. */
  CompletableFuture<Boolean> replace(String key, V value, Duration ttl);

  /** Appends to the existing bytes; false when absent. See {@link Cache#append}. */
  CompletableFuture<Boolean> append(String key, V value);

  /** Prepends to the existing bytes; false when absent. See {@link Cache#prepend}. */
  CompletableFuture<Boolean> prepend(String key, V value);

  /** Compare-and-set against the CAS unique read by {@link #gets}. See {@link Cache#cas}. */
  CompletableFuture<CasResult> cas(String key, long casUnique, V value, Duration ttl);

  /** Removes {@code key}; true when it was present. See {@link Cache#delete}. */
  CompletableFuture<Boolean> delete(String key);

  /** Adds {@code delta} to a counter; empty when absent. See {@link Cache#incr(String, long)}. */
  CompletableFuture<OptionalLong> incr(String key, long delta);

  /** Adds {@code delta}, or stores {@code initial} when absent. See {@link Cache#incr(String, long, long, Duration)}. */
  CompletableFuture<Long> incr(String key, long delta, long initial, Duration ttl);

  /** Subtracts {@code delta} from a counter (stops at 0); empty when absent. See {@link Cache#decr(String, long)}. */
  CompletableFuture<OptionalLong> decr(String key, long delta);

  /** Subtracts {@code delta}, or stores {@code initial} when absent. See {@link Cache#decr(String, long, long, Duration)}. */
  CompletableFuture<Long> decr(String key, long delta, long initial, Duration ttl);

  /** Sets a new TTL; true when the item was present. See {@link Cache#touch}. */
  CompletableFuture<Boolean> touch(String key, Duration ttl);

  /** Reads the value and sets a new TTL in one step; {@code null} on a miss. See {@link Cache#getAndTouch}. */
  CompletableFuture<V> getAndTouch(String key, Duration ttl);

  /** Invalidates every item on every node; fails if any node could not be flushed. See {@link Cache#flushAll}. */
  CompletableFuture<Void> flushAll();

  /**
   * Cache-aside, as {@link Cache#getOrLoad}; concurrent misses of one key share one loader call.
   * The returned future completes when the loader's stage does (a stage that never completes
   * leaves the future pending: give loaders their own timeouts).
   */
  CompletableFuture<V> getOrLoad(
      String key, Duration ttl, Function<? super String, ? extends CompletionStage<? extends V>> loader);

  /** The blocking view of this client. */
  Cache<V> sync();

  /** A view of the same client whose values go through {@code transcoder}. */
  <T> AsyncCache<T> withTranscoder(Transcoder<T> transcoder);

  /** A snapshot of per-node and total statistics. */
  ClientStats stats();

  /** The nodes' own statistics, as {@link Cache#serverStats()}; the future never fails. */
  CompletableFuture<Map<String, Map<String, String>>> serverStats();

  /** As {@link Cache#nodeFor}: the node {@code key} is routed to now; no I/O. */
  String nodeFor(String key);

  /** As {@link Cache#reconfigure}: applies new settings while the client runs. */
  void reconfigure(CachemanConfig config);

  /** As {@link Cache#config()}: the settings in force. */
  CachemanConfig config();

  /**
   * Closes the client (all its views) as {@link Cache#close()} does: new calls fail at once, calls
   * under way finish first. Blocks until closed; idempotent.
   */
  @Override
  void close();
}
