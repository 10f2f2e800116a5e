package io.cacheman.spring;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Service;

/** A small application on the starter, as a user writes one: caching enabled, a service with @Cacheable methods. */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableCaching
class BookApp {
  @Bean
  Books books() {
    return new Books();
  }

  /** A registry of the test's own, so the meters are there whatever Spring Boot's test support exports. */
  @Bean
  SimpleMeterRegistry meterRegistry() {
    return new SimpleMeterRegistry();
  }

  /** A slow "database" that counts how often it is asked. Reached through Spring's proxy: methods only. */
  @Service
  static class Books {
    private final AtomicInteger loads = new AtomicInteger();
    /** Holds each sync load until this many callers have asked, so they all miss together. */
    private volatile CountDownLatch allAsked = new CountDownLatch(0);

    public int loads() {
      return loads.get();
    }

    public void resetLoads() {
      loads.set(0);
    }

    public void holdLoadsUntil(CountDownLatch latch) {
      allAsked = latch;
    }

    @Cacheable("books")
    public String title(long id) {
      loads.incrementAndGet();
      return "title-" + id;
    }

    @Cacheable(cacheNames = "slow", sync = true)
    public String slowTitle(String id) throws InterruptedException {
      loads.incrementAndGet();
      allAsked.await(5, TimeUnit.SECONDS);
      return "slow-" + id;
    }

    @Cacheable("books")
    public String nothing(String id) {
      loads.incrementAndGet();
      return null;
    }

    @Cacheable("short")
    public String shortLived(String id) {
      loads.incrementAndGet();
      return "short-" + id;
    }

    @Cacheable(cacheNames = "books", key = "#p0")
    public String byText(String text) {
      loads.incrementAndGet();
      return text.length() + " chars";
    }

    @Cacheable("async")
    public CompletableFuture<String> asyncTitle(String id) {
      loads.incrementAndGet();
      return CompletableFuture.supplyAsync(() -> "async-" + id);
    }

    @CacheEvict("books")
    public void forget(long id) {
    }

    @CacheEvict(cacheNames = "books", allEntries = true)
    public void forgetAll() {
    }
  }
}
