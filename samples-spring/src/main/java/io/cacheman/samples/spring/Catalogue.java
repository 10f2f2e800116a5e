package io.cacheman.samples.spring;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/**
 * A catalogue in front of a slow store (a "database" that counts its queries): every method is
 * plain Spring caching, and the Cacheman starter puts the caches on the cluster.
 */
@Service
public class Catalogue {
  private final AtomicInteger queries = new AtomicInteger();

  /** Cached in {@code books} (TTL {@code cacheman.spring.default-ttl}). */
  @Cacheable("books")
  public Book book(String isbn) {
    queries.incrementAndGet();
    return new Book(isbn, "Title of " + isbn, "Author of " + isbn);
  }

  /**
   * Cached in {@code prices} (its own TTL, 30 s); {@code sync = true}: callers that miss together
   * wait for one query instead of each sending their own.
   */
  @Cacheable(cacheNames = "prices", sync = true)
  public Long priceInCents(String isbn) {
    queries.incrementAndGet();
    return 1000L + Math.floorMod(isbn.hashCode(), 4000);
  }

  /** The book changed: the next read queries the store again. */
  @CacheEvict("books")
  public void bookChanged(String isbn) {
  }

  /** How often the store was queried. */
  public int queries() {
    return queries.get();
  }
}
