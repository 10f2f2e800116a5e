package io.cacheman.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.AsyncCache;
import io.cacheman.CacheServerException;
import io.cacheman.testing.Clients;
import io.cacheman.testing.Memcached;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * RELIABILITY B10 (folsom#91): a flood of {@code SERVER_ERROR object too large} replies fails each
 * call fast with a typed error, leaves nothing in flight and the connections usable.
 */
class ObjectTooLargeTest {

  @Test
  void thousandTooLargeValuesFailFastAndLeaveNothingBehind() throws Exception {
    try (Memcached node = Memcached.launch("-I", "1k", "-o", "slab_chunk_max=1024");
        AsyncCache<String> cache = Clients.asyncStrings(c -> c.operationTimeout(Duration.ofSeconds(5)), node.address())) {
      String tooLarge = "x".repeat(2048);
      long start = System.nanoTime();
      List<CompletableFuture<Boolean>> sets = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        sets.add(cache.set("big" + i, tooLarge).toCompletableFuture());
      }
      for (CompletableFuture<Boolean> set : sets) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> set.get(5, TimeUnit.SECONDS));
        assertInstanceOf(CacheServerException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("SERVER_ERROR object too large"), e.getCause().getMessage());
      }
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(millis < 5_000, "1000 rejected sets took " + millis + " ms");
      assertEquals(0, cache.admin().stats().total().inFlight());
      assertEquals(0, cache.admin().stats().total().timeouts());
      assertTrue(cache.set("small", "fits").toCompletableFuture().get(1, TimeUnit.SECONDS));
      assertEquals("fits", cache.get("small").toCompletableFuture().get(1, TimeUnit.SECONDS));
    }
  }
}
