package io.cacheman;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * A blocking view of a Cacheman client: every call waits at most the configured operation
 * timeout and then throws {@link CacheTimeoutException}.
 *
 * <pre>{@code
 * try (Cache<String> cache = Cacheman.builder().transcoder(Transcoders.string()).build()) {
 *   cache.set("greeting", "hello", Duration.ofMinutes(5));
 *   assertEquals("hello", cache.get("greeting"));
 * }
 * }</pre>
 *
 * <h2>Share one client</h2>
 * A client keeps a few pipelined connections per node and is safe for any number of threads.
 * Open one per application and share it; {@link #async()} and {@link #withTranscoder} are
 * views of the same client, not new clients, and closing one of them does not close the client:
 * only the view {@link Cacheman} handed out owns it.
 *
 * <h2>Keys and values</h2>
 * Keys are 1–250 UTF-8 bytes with no whitespace or control characters; an invalid key fails
 * with {@link IllegalArgumentException} before any I/O (unless {@code cacheman.keys.too-long=hash}
 * turns over-long keys into a stable digest). Values go through the client's {@link Transcoder}.
 * A TTL of {@link Duration#ZERO} means "never expires"; TTLs are rounded up to whole seconds.
 *
 * <h2>Failures</h2>
 * Expected outcomes are return values ({@code null} for a miss, {@code false} for a store that
 * did not happen); failures are {@link CachemanException}s.
 *
 * @param <V> the value type this view's transcoder produces
 */
public interface Cache<V> extends AutoCloseable {

  /** The value stored under {@code key}, or {@code null} on a miss. */
  V get(String key);

  /**
   * The values of all {@code keys} that are present; keys are grouped per node and each node
   * gets one request, sent in parallel. Keys on an unreachable node count as misses; use
   * {@link #getMultiResult} to tell them apart. The map is unmodifiable.
   */
  Map<String, V> getMulti(Collection<String> keys);

  /**
   * Like {@link #getMulti}, but also says which keys could not be read and why: a node that
   * times out or fails costs its keys, never the whole call, and the result returns by the
   * operation timeout with everything the other nodes answered.
   */
  MultiGetResult<V> getMultiResult(Collection<String> keys);

  /** The value and its CAS unique, or {@code null} on a miss. */
  CasValue<V> gets(String key);

  /** Stores {@code value} with the configured default TTL; true when stored. */
  boolean set(String key, V value);

  /** Stores {@code value}; true when stored. */
  boolean set(String key, V value, Duration ttl);

  /** Stores only if {@code key} is absent; true when stored. */
  boolean add(String key, V value, Duration ttl);

  /** Stores only if {@code key} is present; true when stored. */
  boolean replace(String key, V value, Duration ttl);

  /** Appends the encoded {@code value} to the existing bytes; false when {@code key} is absent. */
  boolean append(String key, V value);

  /** Prepends the encoded {@code value} to the existing bytes; false when {@code key} is absent. */
  boolean prepend(String key, V value);

  /** Stores only if the item still has the CAS unique read by {@link #gets}. */
  CasResult cas(String key, long casUnique, V value, Duration ttl);

  /** Removes {@code key}; true when it was present. */
  boolean delete(String key);

  /**
   * Adds {@code delta} to a decimal counter (64-bit unsigned, wraps on overflow).
   *
   * @return the new value (read it with {@link Long#toUnsignedString} above {@code Long.MAX_VALUE}),
   *     or empty when the key is absent
   */
  OptionalLong incr(String key, long delta);

  /** Like {@link #incr(String, long)}, but stores {@code initial} (with {@code ttl}) when absent. */
  long incr(String key, long delta, long initial, Duration ttl);

  /** Subtracts {@code delta} from a counter, stopping at 0; empty when the key is absent. */
  OptionalLong decr(String key, long delta);

  /** Like {@link #decr(String, long)}, but stores {@code initial} (with {@code ttl}) when absent. */
  long decr(String key, long delta, long initial, Duration ttl);

  /** Sets a new TTL on an existing item; true when it was present. */
  boolean touch(String key, Duration ttl);

  /** Reads the value and sets a new TTL in one step ({@code gat}); {@code null} on a miss. */
  V getAndTouch(String key, Duration ttl);

  /** Invalidates every item on every node. */
  void flushAll();

  /**
   * Cache-aside: the cached value, or else {@code loader}'s result, stored with {@code ttl}.
   * Concurrent misses of one key in this client share one loader call (no stampede). A
   * {@code null} from the loader is returned and not stored. A cache failure does not stop the
   * load: the loader's value is returned even when the node cannot be reached. The loader runs
   * on the calling thread, in its time; callers waiting for another caller's load of the same key
   * give up at the operation timeout with {@link CacheTimeoutException}.
   */
  V getOrLoad(String key, Duration ttl, Function<? super String, ? extends V> loader);

  /**
   * {@link #getOrLoad(String, Duration, Function)}, and with {@code cacheman.protocol = meta} (or
   * {@code auto}, on nodes that speak it) fleet-wide: of all the clients that miss the key at once,
   * exactly one runs the loader (memcached's lease); the others wait for its value within their
   * timeout. A value within {@code refreshAhead} of its expiry is reloaded early by exactly one
   * caller while everyone else keeps reading it ({@link Duration#ZERO}: never early; whole seconds).
   * See docs/sdk.md, "Stampedes and stale data".
   */
  V getOrLoad(String key, Duration ttl, Function<? super String, ? extends V> loader, Duration refreshAhead);

  /** As {@link #getOrLoad(String, Duration, Function, Duration)}, saying whether the value was stale or loaded here. */
  LoadResult<V> getOrLoadResult(String key, Duration ttl, Function<? super String, ? extends V> loader,
      Duration refreshAhead);

  /**
   * Marks the value stale rather than deleting it (meta {@code md … I}): for
   * {@code cacheman.invalidate.grace} the next {@code getOrLoad} calls return it at once, flagged
   * stale, while exactly one of them reloads it. On a node that speaks only text the value is
   * deleted. True when the key was present.
   */
  boolean invalidate(String key);

  /** The non-blocking view of this client. */
  AsyncCache<V> async();

  /** A view of the same client whose values go through {@code transcoder}. */
  <T> Cache<T> withTranscoder(Transcoder<T> transcoder);

  /** Statistics, routing and live settings of the client behind this view. */
  CacheAdmin admin();

  /**
   * Closes the client, if this is the view {@link Cacheman} opened it as (the views made from it do
   * nothing on close). New calls fail at once with a {@link CachemanException} saying the client is
   * closed; calls already under way finish (for one operation timeout at most); then the
   * connections close, every thread the client started stops and its JMX beans are unregistered.
   * Idempotent and safe to call from several threads at once: every caller returns once the client
   * is closed.
   */
  @Override
  void close();
}
