package io.cacheman.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.AsyncCache;
import io.cacheman.Cache;
import io.cacheman.CachemanException;
import io.cacheman.CacheAdmin;
import io.cacheman.testing.Clients;
import io.cacheman.testing.MisbehavingServer;
import io.cacheman.testing.MisbehavingServer.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code close()}: new calls fail at once, calls under way finish (up to the operation timeout),
 * then every thread stops; any number of threads may close at once.
 */
class CloseTest {
  private static final Logger log = LoggerFactory.getLogger(CloseTest.class);

  private static List<String> threadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).filter(n -> n.startsWith(prefix)).toList();
  }

  private static Thread closeInBackground(AsyncCache<?> cache, String name) {
    Thread thread = new Thread(cache::close, name);
    thread.start();
    return thread;
  }

  @Test
  void callsUnderWayFinishNormallyWhileNewOnesFailAtOnceThenEveryThreadStops() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    try (MisbehavingServer slow = new MisbehavingServer((line, n) -> {
      if (line.startsWith("get")) {
        awaitQuietly(gate);
      }
      return MisbehavingServer.proper(line);
    })) {
      AsyncCache<String> cache = Clients.asyncStrings(c -> c.operationTimeout(Duration.ofSeconds(5)), slow.address());
      CacheAdmin admin = cache.admin();
      String prefix = admin.name() + "-";
      List<CompletableFuture<String>> underWay = IntStream.range(0, 10).mapToObj(i -> cache.get("k" + i).toCompletableFuture()).toList();
      await().atMost(Duration.ofSeconds(5)).until(() -> slow.commands() > 0);

      List<Thread> closers = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        closers.add(closeInBackground(cache, "closer-" + i)); // concurrent closes: all return once closed
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> !admin.isOpen());

      long refusedAt = System.nanoTime();
      ExecutionException refused = assertThrows(ExecutionException.class, () -> cache.get("new").toCompletableFuture().get(1, TimeUnit.SECONDS));
      assertInstanceOf(CachemanException.class, refused.getCause());
      assertTrue(refused.getCause().getMessage().contains("the client is closed"), refused.getCause().getMessage());
      CachemanException syncRefused = assertThrows(CachemanException.class, () -> cache.sync().set("new", "v"));
      assertTrue(syncRefused.getMessage().contains("the client is closed"), syncRefused.getMessage());
      assertTrue(System.nanoTime() - refusedAt < TimeUnit.MILLISECONDS.toNanos(500), "new calls were not refused at once");
      assertFalse(underWay.get(0).isDone(), "a call under way did not wait for its reply");
      assertTrue(closers.get(0).isAlive(), "close() returned before the calls under way finished");

      long releasedAt = System.nanoTime();
      gate.countDown();
      for (int i = 0; i < underWay.size(); i++) {
        assertEquals("v:k" + i, underWay.get(i).get(5, TimeUnit.SECONDS));
      }
      for (Thread closer : closers) {
        closer.join(10_000);
        assertFalse(closer.isAlive());
      }
      log.info("close() returned {} ms after the last in-flight reply was released",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - releasedAt));
      assertEquals(List.of(), threadsNamed(prefix));
      cache.close(); // once more: harmless
      assertEquals(List.of(), threadsNamed(prefix));
      await().atMost(Duration.ofSeconds(5)).until(() -> slow.closedConnections() == slow.connections());
    }
  }

  @Test
  void closeWaitsNoLongerThanTheOperationTimeoutForANodeThatNeverAnswers() throws Exception {
    try (MisbehavingServer silent = new MisbehavingServer((line, n) -> Reply.SILENCE)) {
      Cache<String> cache = Clients.strings(c -> c.operationTimeout(Duration.ofMillis(500)), silent.address());
      String prefix = cache.admin().name() + "-";
      CompletableFuture<String> pending = cache.async().get("never").toCompletableFuture();
      await().atMost(Duration.ofSeconds(5)).until(() -> silent.commands() > 0);
      long start = System.nanoTime();
      cache.close();
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      log.info("close() with a request the node never answers took {} ms (operation timeout 500 ms)", millis);
      assertTrue(millis < 500 + 1_000, "close took " + millis + " ms");
      ExecutionException failed = assertThrows(ExecutionException.class, () -> pending.get(1, TimeUnit.SECONDS));
      assertInstanceOf(CachemanException.class, failed.getCause());
      assertEquals(List.of(), threadsNamed(prefix));
    }
  }

  @Test
  void closingAnIdleClientIsQuick() {
    Cache<String> cache = Clients.strings(io.cacheman.config.NodeAddress.of("127.0.0.1", 16299));
    long start = System.nanoTime();
    cache.close();
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2));
  }

  private static void awaitQuietly(CountDownLatch gate) {
    try {
      gate.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
