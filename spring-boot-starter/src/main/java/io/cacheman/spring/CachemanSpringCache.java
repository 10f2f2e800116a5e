package io.cacheman.spring;

import io.cacheman.Cache;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.springframework.cache.support.AbstractValueAdaptingCache;

/**
 * One Spring cache on a Cacheman client: every entry is a memcached item with the cache's TTL.
 *
 * <ul>
 *   <li>{@code get(key, loader)} ({@code @Cacheable(sync = true)}) is {@link Cache#getOrLoad}:
 *       concurrent misses of one key in this application share one loader call;
 *   <li>{@code evict} deletes the item;
 *   <li>{@code clear} ({@code @CacheEvict(allEntries = true)}) never flushes the nodes, which would
 *       empty every cache of every application on them: it moves the cache to a new generation
 *       (an {@code incr} of its counter), so the old entries are no longer found and expire or are
 *       evicted in their time. This application sees its clear at once; other instances within
 *       {@link #GENERATION_CHECK} (each rereads the counter that often);
 *   <li>{@code retrieve} serves {@code @Cacheable} methods that return {@code CompletableFuture}.
 * </ul>
 * A failure of the cache reaches Spring's {@code CacheErrorHandler} (by default it is thrown to the
 * caller; a {@code LoggingCacheErrorHandler} turns an outage into misses). Thread-safe.
 */
final class CachemanSpringCache extends AbstractValueAdaptingCache {
  /** How long a generation read from the nodes is used before it is read again. */
  static final Duration GENERATION_CHECK = Duration.ofSeconds(1);

  private final String name;
  private final Cache<Object> cache;
  private final CacheKeys keys;
  private final Duration ttl;
  private final String generationKey;
  private volatile long generation;
  private volatile long generationReadAt;
  private volatile boolean generationKnown;

  CachemanSpringCache(String name, Cache<Object> cache, CacheKeys keys, Duration ttl, boolean allowNullValues) {
    super(allowNullValues);
    this.name = name;
    this.cache = cache;
    this.keys = keys;
    this.ttl = ttl;
    this.generationKey = keys.generation(name);
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public Object getNativeCache() {
    return cache;
  }

  /** The TTL of this cache's entries ({@link Duration#ZERO}: no expiry). */
  Duration ttl() {
    return ttl;
  }

  @Override
  protected Object lookup(Object key) {
    return cache.get(key(key));
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T get(Object key, Callable<T> valueLoader) {
    try {
      return (T) fromStoreValue(cache.getOrLoad(key(key), ttl, k -> {
        try {
          return toStoreValue(valueLoader.call());
        } catch (Exception e) {
          throw new LoaderFailure(e);
        }
      }));
    } catch (LoaderFailure e) {
      throw new ValueRetrievalException(key, valueLoader, e.getCause());
    }
  }

  @Override
  public CompletableFuture<?> retrieve(Object key) {
    return cache.async().get(key(key)).toCompletableFuture().thenApply(this::toValueWrapper);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> CompletableFuture<T> retrieve(Object key, Supplier<CompletableFuture<T>> valueLoader) {
    return cache.async().getOrLoad(key(key), ttl, k -> valueLoader.get().thenApply(this::toStoreValue))
        .toCompletableFuture().thenApply(v -> (T) fromStoreValue(v));
  }

  @Override
  public void put(Object key, Object value) {
    cache.set(key(key), toStoreValue(value), ttl);
  }

  @Override
  public ValueWrapper putIfAbsent(Object key, Object value) {
    String k = key(key);
    if (cache.add(k, toStoreValue(value), ttl)) {
      return null;
    }
    return toValueWrapper(cache.get(k));
  }

  @Override
  public void evict(Object key) {
    cache.delete(key(key));
  }

  @Override
  public boolean evictIfPresent(Object key) {
    return cache.delete(key(key));
  }

  @Override
  public void clear() {
    invalidate();
  }

  /** Moves to a new generation; false: whether there were entries is not known. */
  @Override
  public boolean invalidate() {
    generation = cache.incr(generationKey, 1, firstGeneration(), Duration.ZERO);
    generationReadAt = System.nanoTime();
    generationKnown = true;
    return false;
  }

  private String key(Object key) {
    return keys.entry(name, generation(), key);
  }

  /** The current generation, read from the nodes at most once per {@link #GENERATION_CHECK}. */
  private long generation() {
    long now = System.nanoTime();
    if (!generationKnown || now - generationReadAt > GENERATION_CHECK.toNanos()) {
      generation = cache.incr(generationKey, 0, firstGeneration(), Duration.ZERO); // read, or create
      generationReadAt = now;
      generationKnown = true;
    }
    return generation;
  }

  /**
   * The generation a missing counter starts from: the time in milliseconds, not 0, so that a
   * counter lost to eviction or a node's restart starts above every generation used before (unless
   * the cache was cleared more than once a millisecond), and older entries stay unreachable.
   */
  private static long firstGeneration() {
    return System.currentTimeMillis();
  }

  /** Carries a loader's checked exception through {@link Cache#getOrLoad}. */
  private static final class LoaderFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LoaderFailure(Exception cause) {
      super(cause);
    }
  }
}
