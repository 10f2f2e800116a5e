package io.cacheman.internal;

import io.cacheman.AsyncCache;
import io.cacheman.Cache;
import io.cacheman.LoadResult;
import io.cacheman.CacheAdmin;
import io.cacheman.CasResult;
import io.cacheman.CasValue;
import io.cacheman.MultiGetResult;
import io.cacheman.Transcoder;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The blocking view: each operation is the one {@link DefaultAsyncCache} defines, run with the
 * blocking invoker (the caller's thread waits, reading its own reply when it can, each step's
 * stage complete on return) and awaited here. Failures are rethrown as the caller's own
 * exceptions, with the caller's stack.
 */
public final class DefaultCache<V> implements Cache<V> {
  final DefaultAsyncCache<V> ops;

  DefaultCache(DefaultAsyncCache<V> ops) {
    this.ops = ops;
  }

  /** The client view a freshly opened client is handed out as; closing it closes the client. */
  public static <V> Cache<V> open(Client client, Transcoder<V> transcoder) {
    return new DefaultCache<>(new DefaultAsyncCache<>(client, ValueCodec.of(client, transcoder), client.blocking, true));
  }

  /** The value of a stage the blocking invoker made: complete by construction. */
  private static <T> T await(CompletionStage<T> stage) {
    CompletableFuture<T> done = (CompletableFuture<T>) stage;
    try {
      return done.join();
    } catch (CompletionException e) {
      throw Exceptions.forCaller(e);
    }
  }

  @Override public V get(String key) { return await(ops.get(key)); }
  @Override public Map<String, V> getMulti(Collection<String> keys) { return await(ops.getMulti(keys)); }
  @Override public MultiGetResult<V> getMultiResult(Collection<String> keys) { return await(ops.getMultiResult(keys)); }
  @Override public CasValue<V> gets(String key) { return await(ops.gets(key)); }
  @Override public boolean set(String key, V value) { return await(ops.set(key, value)); }
  @Override public boolean set(String key, V value, Duration ttl) { return await(ops.set(key, value, ttl)); }
  @Override public boolean add(String key, V value, Duration ttl) { return await(ops.add(key, value, ttl)); }
  @Override public boolean replace(String key, V value, Duration ttl) { return await(ops.replace(key, value, ttl)); }
  @Override public boolean append(String key, V value) { return await(ops.append(key, value)); }
  @Override public boolean prepend(String key, V value) { return await(ops.prepend(key, value)); }
  @Override public boolean delete(String key) { return await(ops.delete(key)); }
  @Override public boolean touch(String key, Duration ttl) { return await(ops.touch(key, ttl)); }
  @Override public V getAndTouch(String key, Duration ttl) { return await(ops.getAndTouch(key, ttl)); }
  @Override public OptionalLong incr(String key, long delta) { return await(ops.incr(key, delta)); }
  @Override public OptionalLong decr(String key, long delta) { return await(ops.decr(key, delta)); }
  @Override public void flushAll() { await(ops.flushAll()); }

  @Override
  public CasResult cas(String key, long casUnique, V value, Duration ttl) {
    return await(ops.cas(key, casUnique, value, ttl));
  }

  @Override
  public long incr(String key, long delta, long initial, Duration ttl) {
    return await(ops.incr(key, delta, initial, ttl));
  }

  @Override
  public long decr(String key, long delta, long initial, Duration ttl) {
    return await(ops.decr(key, delta, initial, ttl));
  }

  /** The loader runs on this thread: every step before it completes here. */
  @Override
  public V getOrLoad(String key, Duration ttl, Function<? super String, ? extends V> loader) {
    return await(ops.getOrLoad(key, ttl, k -> CompletableFuture.completedFuture(loader.apply(k))));
  }

  @Override
  public V getOrLoad(String key, Duration ttl, Function<? super String, ? extends V> loader, Duration refreshAhead) {
    return await(ops.getOrLoad(key, ttl, k -> CompletableFuture.completedFuture(loader.apply(k)), refreshAhead));
  }

  @Override
  public LoadResult<V> getOrLoadResult(String key, Duration ttl, Function<? super String, ? extends V> loader,
      Duration refreshAhead) {
    return await(ops.getOrLoadResult(key, ttl, k -> CompletableFuture.completedFuture(loader.apply(k)),
        refreshAhead));
  }

  @Override
  public boolean invalidate(String key) {
    return await(ops.invalidate(key));
  }

  @Override
  public AsyncCache<V> async() {
    return new DefaultAsyncCache<>(ops.client, ops.values, ops.client.async, false);
  }

  @Override
  public <T> Cache<T> withTranscoder(Transcoder<T> transcoder) {
    return new DefaultCache<>(new DefaultAsyncCache<>(ops.client, ops.values.with(transcoder), ops.client.blocking,
        false));
  }

  @Override
  public CacheAdmin admin() {
    return ops.admin();
  }

  @Override
  public void close() {
    ops.close();
  }
}
