package io.cacheman.spring;

import io.cacheman.Cache;
import io.cacheman.Transcoders;
import io.cacheman.config.CachemanConfig;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.cache.CacheManager;

/**
 * Spring's caches on one Cacheman client. A cache is created the first time it is named, with the
 * TTL {@link SpringCacheSettings#ttl} gives it; all caches share the client and its nodes, each in
 * its own key space ({@link CacheKeys}). Values go through the client's own value transcoder
 * (strings, numbers, byte arrays and the classes {@code cacheman.serialization.filter} allows),
 * plus Spring's marker for a cached {@code null}. Thread-safe.
 */
public class CachemanCacheManager implements CacheManager {
  private final Cache<Object> view;
  private final SpringCacheSettings settings;
  private final CacheKeys keys;
  private final ConcurrentMap<String, CachemanSpringCache> caches = new ConcurrentHashMap<>();

  /** Caches on {@code cache}'s client, as {@code settings} say. */
  public CachemanCacheManager(Cache<Object> cache, SpringCacheSettings settings) {
    CachemanConfig config = cache.admin().config();
    this.view = cache.withTranscoder(new NullValueTranscoder(
        Transcoders.objects(config.compressionThreshold(), config.serializationFilter())));
    this.settings = settings;
    this.keys = new CacheKeys(settings.keyPrefix());
  }

  @Override
  public org.springframework.cache.Cache getCache(String name) {
    return caches.computeIfAbsent(name,
        n -> new CachemanSpringCache(n, view, keys, settings.ttl(n), settings.allowNullValues()));
  }

  @Override
  public Collection<String> getCacheNames() {
    return List.copyOf(caches.keySet());
  }
}
