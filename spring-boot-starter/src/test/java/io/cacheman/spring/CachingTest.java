package io.cacheman.spring;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.Cache;
import io.cacheman.NodeStats;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cache.CacheManager;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** @Cacheable and friends through the starter, against three real nodes. */
@SpringBootTest(classes = BookApp.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CachingTest {
  private static final Logger log = LoggerFactory.getLogger(CachingTest.class);
  private static final ThreeNodes NODES = new ThreeNodes();
  private static final int CALLERS = 20;

  @Autowired BookApp.Books books;
  @Autowired Cache<Object> cache;
  @Autowired CacheManager cacheManager;
  @Autowired MeterRegistry registry;

  @DynamicPropertySource
  static void nodes(DynamicPropertyRegistry properties) {
    properties.add("cacheman.nodes", NODES::nodes);
    properties.add("cacheman.hashing", () -> "ketama");
    properties.add("cacheman.spring.caches.short.ttl", () -> "1s");
    properties.add("cacheman.spring.key-prefix", () -> "books-app:");
  }

  @AfterAll
  static void stop() {
    NODES.close();
  }

  @BeforeEach
  void fresh() {
    books.forgetAll();
    books.resetLoads();
  }

  @Test
  void cacheableCountsAHitForEveryRepeatAndAMissForEveryFirstCall() {
    NodeStats before = cache.admin().stats().total();
    assertEquals("title-1", books.title(1));
    assertEquals("title-1", books.title(1));
    assertEquals("title-1", books.title(1));
    assertEquals("title-2", books.title(2));
    NodeStats after = cache.admin().stats().total();
    log.info("@Cacheable: 4 calls, {} loads, {} hits, {} misses", books.loads(), after.hits() - before.hits(),
        after.misses() - before.misses());
    assertEquals(2, books.loads());
    assertEquals(2, after.hits() - before.hits());
    assertEquals(2, after.misses() - before.misses());
    assertTrue(cacheManager instanceof CachemanCacheManager);
  }

  @Test
  void syncTrueCallsTheLoaderOnceForTwentyConcurrentCallers() throws Exception {
    CountDownLatch allAsked = new CountDownLatch(CALLERS);
    books.holdLoadsUntil(allAsked);
    ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < CALLERS; i++) {
        results.add(pool.submit(() -> {
          allAsked.countDown();
          return books.slowTitle("s1");
        }));
      }
      for (Future<String> result : results) {
        assertEquals("slow-s1", result.get(10, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    log.info("@Cacheable(sync = true): {} concurrent callers, {} loader call(s)", CALLERS, books.loads());
    assertEquals(1, books.loads());
  }

  @Test
  void evictDeletesOneEntryAndClearMovesTheCacheToANewGeneration() {
    books.title(1);
    books.title(2);
    books.forget(1);
    books.title(1);
    books.title(2);
    assertEquals(3, books.loads(), "only the evicted entry was loaded again");
    String otherCache = books.shortLived("x");
    books.forgetAll();
    books.title(1);
    books.title(2);
    assertEquals(6, books.loads(), "clear empties the cache");
    assertEquals(otherCache, books.shortLived("x"));
    assertEquals(6, books.loads(), "clear of one cache leaves the others alone");
    assertNotNull(cache.get("books-app:books:generation"), "the generation counter lives under the prefix");
  }

  @Test
  void aMethodReturningACompletableFutureIsCachedThroughTheNonBlockingView() throws Exception {
    assertEquals("async-a", books.asyncTitle("a").get(5, TimeUnit.SECONDS));
    assertEquals("async-a", books.asyncTitle("a").get(5, TimeUnit.SECONDS));
    assertEquals(1, books.loads());
  }

  @Test
  void aNullResultIsCachedToo() {
    assertNull(books.nothing("n1"));
    assertNull(books.nothing("n1"));
    assertEquals(1, books.loads());
  }

  @Test
  void keysThatAreNotValidMemcachedKeysAreHashed() {
    String spaced = "a key with spaces\tand a tab";
    String longKey = "k".repeat(400);
    books.byText(spaced);
    books.byText(spaced);
    books.byText(longKey);
    books.byText(longKey);
    assertEquals(2, books.loads());
  }

  @Test
  void aCacheWithATtlOfItsOwnExpires() {
    books.shortLived("t");
    assertEquals(1, books.loads());
    assertEquals(Duration.ofSeconds(1), ((CachemanSpringCache) cacheManager.getCache("short")).ttl());
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
        .until(() -> books.shortLived("t") != null && books.loads() == 2);
  }

  @Test
  void theMicrometerMetersOfEveryNodeAreRegistered() {
    books.title(7);
    for (String node : NODES.nodes().split(",")) {
      assertNotNull(registry.find("cacheman.client.requests").tag("node", node).functionCounter(), node);
      assertNotNull(registry.find("cacheman.client.breaker.state").tag("node", node).tag("state", "up").gauge(), node);
    }
    assertEquals(3.0, registry.get("cacheman.client.nodes").gauge().value());
  }
}
