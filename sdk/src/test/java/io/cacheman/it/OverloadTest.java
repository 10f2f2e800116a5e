package io.cacheman.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.AsyncCache;
import io.cacheman.CacheOverloadedException;
import io.cacheman.CacheTimeoutException;
import io.cacheman.CachemanException;
import io.cacheman.testing.Clients;
import io.cacheman.testing.MisbehavingServer;
import io.cacheman.testing.MisbehavingServer.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A node that stops answering: requests past the in-flight bound are refused at once, and counted. */
class OverloadTest {

  @Test
  void requestsPastTheInFlightBoundAreRejectedAtOnceAndTheRestTimeOut() throws Exception {
    try (MisbehavingServer silent = new MisbehavingServer((line, n) -> Reply.SILENCE);
        AsyncCache<String> cache = Clients.asyncStrings(c -> c.maxInFlightPerConnection(8).connectionsPerNode(1)
            .operationTimeout(Duration.ofMillis(800)), silent.address())) {
      List<CompletableFuture<String>> waiting = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        waiting.add(cache.get("k" + i).toCompletableFuture());
      }
      long start = System.nanoTime();
      CompletableFuture<String> rejected = cache.get("one-too-many").toCompletableFuture();
      ExecutionException e = assertThrows(ExecutionException.class, () -> rejected.get(100, TimeUnit.MILLISECONDS));
      assertInstanceOf(CacheOverloadedException.class, e.getCause());
      assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(100), "rejection was not immediate");
      assertEquals(1, cache.admin().stats().total().rejected());
      assertEquals(8, cache.admin().stats().total().inFlight());

      // The first to time out closes the connection; the others fail with it (timed out, or
      // retried and refused once the node is out of routing), none later than its deadline.
      assertInstanceOf(CacheTimeoutException.class,
          assertThrows(ExecutionException.class, () -> waiting.get(0).get(2, TimeUnit.SECONDS)).getCause());
      for (CompletableFuture<String> future : waiting) {
        ExecutionException failed = assertThrows(ExecutionException.class, () -> future.get(2, TimeUnit.SECONDS));
        assertInstanceOf(CachemanException.class, failed.getCause());
        assertFalse(failed.getCause() instanceof CacheOverloadedException);
      }
      await().atMost(Duration.ofSeconds(2)).until(() -> cache.admin().stats().total().inFlight() == 0);
      assertTrue(cache.admin().stats().total().timeouts() >= 1);
      assertEquals(1, cache.admin().stats().total().rejected());
    }
  }
}
