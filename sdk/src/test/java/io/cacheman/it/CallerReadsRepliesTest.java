package io.cacheman.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.AsyncCache;
import io.cacheman.Cache;
import io.cacheman.CacheConnectionException;
import io.cacheman.CacheTimeoutException;
import io.cacheman.CachemanException;
import io.cacheman.testing.Clients;
import io.cacheman.testing.MisbehavingServer;
import io.cacheman.testing.MisbehavingServer.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A synchronous caller alone on its connection reads its reply off the socket itself rather than
 * waiting for the I/O thread. Whatever happens while it reads (other requests joining, a silent
 * server, the connection dropped, an interrupt) every request still gets its own outcome, and the
 * connection keeps being read afterwards.
 */
class CallerReadsRepliesTest {

  /** Answers properly, but holds the reply to {@code get slow} back for {@code millis}. */
  private static MisbehavingServer slowOn(String key, long millis) throws Exception {
    return new MisbehavingServer((line, n) -> {
      if (line.equals("get " + key)) {
        try {
          Thread.sleep(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return MisbehavingServer.proper(line);
    });
  }

  @Test
  void requestsSentWhileACallerReadsAllGetTheirOwnValues() throws Exception {
    try (MisbehavingServer server = slowOn("slow", 300);
        Cache<String> cache = Clients.strings(c -> c.connectionsPerNode(1), server.address())) {
      AsyncCache<String> async = cache.async();
      CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> cache.get("slow"));
      await().atMost(Duration.ofSeconds(5)).until(() -> server.lines().contains("get slow"));
      List<CompletableFuture<String>> others = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        others.add(async.get("k" + i));
      }
      assertEquals("v:slow", reader.get(5, TimeUnit.SECONDS));
      for (int i = 0; i < 20; i++) {
        assertEquals("v:k" + i, others.get(i).get(5, TimeUnit.SECONDS));
      }
      assertEquals("v:after", cache.get("after"));
      assertEquals(0, cache.stats().total().inFlight());
    }
  }

  @Test
  void aCallerReadingASilentConnectionTimesOutAndTheConnectionIsReplaced() throws Exception {
    try (MisbehavingServer server = new MisbehavingServer((line, n) ->
            n == 0 ? Reply.SILENCE : MisbehavingServer.proper(line));
        Cache<String> cache = Clients.strings(c -> c.connectionsPerNode(1).retryAttempts(0)
            .operationTimeout(Duration.ofMillis(300)), server.address())) {
      assertThrows(CacheTimeoutException.class, () -> cache.get("k"));
      await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> "v:next".equals(cache.get("next")));
      assertTrue(server.connections() >= 2, "the timed-out connection was replaced");
    }
  }

  @Test
  void aConnectionDroppedUnderAReadingCallerFailsItsRequestWhichIsRetried() throws Exception {
    try (MisbehavingServer server = new MisbehavingServer((line, n) -> {
          if (n > 0) {
            return MisbehavingServer.proper(line);
          }
          try {
            Thread.sleep(200); // the caller is waiting on the socket by now
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return Reply.thenClose("");
        });
        Cache<String> cache = Clients.strings(c -> c.connectionsPerNode(1), server.address())) {
      assertEquals("v:k", cache.get("k"));
      assertEquals(2, server.connections());
      assertEquals(0, cache.stats().total().inFlight());
    }
  }

  @Test
  void aConnectionDroppedUnderAReadingCallerFailsAWriteThatCannotBeRepeated() throws Exception {
    try (MisbehavingServer server = new MisbehavingServer((line, n) -> Reply.thenClose(""));
        Cache<String> cache = Clients.strings(c -> c.connectionsPerNode(1), server.address())) {
      assertThrows(CacheConnectionException.class, () -> cache.incr("counter", 1));
    }
  }

  @Test
  void anInterruptedReaderLeavesTheConnectionReadable() throws Exception {
    try (MisbehavingServer server = slowOn("slow", 500);
        Cache<String> cache = Clients.strings(c -> c.connectionsPerNode(1), server.address())) {
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread reader = new Thread(() -> {
        try {
          cache.get("slow");
        } catch (CachemanException e) {
          failure.set(e);
        }
      });
      reader.start();
      await().atMost(Duration.ofSeconds(5)).until(() -> server.lines().contains("get slow"));
      reader.interrupt();
      reader.join(TimeUnit.SECONDS.toMillis(5));
      assertTrue(failure.get().getMessage().contains("interrupted"), String.valueOf(failure.get()));
      // the late reply to "slow" still arrives first and goes to its own (abandoned) request
      assertEquals("v:after", cache.get("after"));
      assertEquals(0, cache.stats().total().inFlight());
    }
  }
}
