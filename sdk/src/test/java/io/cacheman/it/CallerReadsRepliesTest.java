package io.cacheman.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cacheman.AsyncCache;
import io.cacheman.Cache;
import io.cacheman.CacheConnectionException;
import io.cacheman.CacheTimeoutException;
import io.cacheman.CachemanException;
import io.cacheman.Cacheman;
import io.cacheman.config.CachemanConfig;
import io.cacheman.config.NodeAddress;
import io.cacheman.internal.ClientProbe;
import io.cacheman.testing.Clients;
import io.cacheman.testing.Keys;
import io.cacheman.testing.MisbehavingServer;
import io.cacheman.testing.MisbehavingServer.Reply;
import io.cacheman.testing.Strings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A synchronous caller alone on its connection reads its reply off the socket itself rather than
 * waiting for the I/O thread. Whatever happens while it reads (other requests joining, a silent
 * server, the connection dropped, an interrupt) every request still gets its own outcome, and the
 * connection keeps being read afterwards.
 */
class CallerReadsRepliesTest {

  /** Answers properly, but holds the reply to {@code get key} back until {@code release} opens. */
  private static MisbehavingServer holding(String key, CountDownLatch release) throws Exception {
    return new MisbehavingServer((line, n) -> {
      if (line.equals("get " + key)) {
        awaitQuietly(release);
      }
      return MisbehavingServer.proper(line);
    });
  }

  private static void awaitQuietly(CountDownLatch release) {
    try {
      release.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Waits until {@code caller} is reading its connection itself, not parked for the I/O thread.
   * (A caller reads for itself only on an open connection: the tests first wait for it with a get.)
   */
  private static void awaitReadingItself(Thread caller) {
    await().atMost(Duration.ofSeconds(5)).until(() -> Arrays.stream(caller.getStackTrace())
        .anyMatch(f -> f.getClassName().endsWith(".ReadRole") && f.getMethodName().equals("lead")));
  }

  private static <T> Thread start(AtomicReference<T> result, AtomicReference<Throwable> failure,
      Supplier<T> call) {
    Thread caller = new Thread(() -> {
      try {
        result.set(call.get());
      } catch (RuntimeException e) {
        failure.set(e);
      }
    });
    caller.start();
    return caller;
  }

  @Test
  void requestsSentWhileACallerReadsAllGetTheirOwnValues() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (MisbehavingServer server = holding("slow", release);
        Cache<String> cache = Clients.strings(c -> c.connectionsPerNode(1), server.address())) {
      AsyncCache<String> async = cache.async();
      assertEquals("v:warm", cache.get("warm"));
      AtomicReference<String> slow = new AtomicReference<>();
      Thread reader = start(slow, new AtomicReference<>(), () -> cache.get("slow"));
      awaitReadingItself(reader);
      List<CompletableFuture<String>> others = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        others.add(async.get("k" + i).toCompletableFuture());
      }
      release.countDown();
      reader.join(TimeUnit.SECONDS.toMillis(5));
      assertEquals("v:slow", slow.get());
      for (int i = 0; i < 20; i++) {
        assertEquals("v:k" + i, others.get(i).get(5, TimeUnit.SECONDS));
      }
      assertEquals("v:after", cache.get("after"));
      assertEquals(0, cache.admin().stats().total().inFlight());
    }
  }

  @Test
  void twoCallersOfANodeWithTwoConnectionsEachReadTheirOwnReply() throws Exception {
    // The connections of a node go to different I/O threads when there are cores for them.
    assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "one I/O thread: both connections share it");
    CountDownLatch release = new CountDownLatch(1);
    try (MisbehavingServer server = new MisbehavingServer((line, n) -> {
          if (line.startsWith("get held")) {
            awaitQuietly(release);
          }
          return MisbehavingServer.proper(line);
        });
        Cache<String> cache = Clients.strings(c -> c.connectionsPerNode(2), server.address())) {
      await().atMost(Duration.ofSeconds(5)).until(() -> ClientProbe.openConnections(cache) == 2);
      AtomicReference<String> first = new AtomicReference<>();
      Thread one = start(first, new AtomicReference<>(), () -> cache.get("held-1"));
      awaitReadingItself(one);
      AtomicReference<String> second = new AtomicReference<>();
      Thread two = start(second, new AtomicReference<>(), () -> cache.get("held-2"));
      awaitReadingItself(two); // on the idle connection, not parked behind the first caller's
      release.countDown();
      one.join(TimeUnit.SECONDS.toMillis(5));
      two.join(TimeUnit.SECONDS.toMillis(5));
      assertEquals("v:held-1", first.get());
      assertEquals("v:held-2", second.get());
      assertEquals(0, cache.admin().stats().total().inFlight());
    } finally {
      release.countDown();
    }
  }

  /**
   * One connection per node and one more node than I/O threads (one per core): the nodes are dealt
   * to the threads in turn, so the first and the last node share the first I/O thread.
   */
  private interface TwoNodesOfOneIoThread {
    void run(Cache<String> cache, CachemanConfig config, int lastNode) throws Exception;
  }

  private static void onTwoNodesOfOneIoThread(MisbehavingServer.Script script, TwoNodesOfOneIoThread test)
      throws Exception {
    int nodes = Runtime.getRuntime().availableProcessors() + 1;
    List<MisbehavingServer> servers = new ArrayList<>();
    try {
      for (int i = 0; i < nodes; i++) {
        servers.add(new MisbehavingServer(script));
      }
      CachemanConfig config = Clients.config(servers.stream().map(MisbehavingServer::address)
          .toArray(NodeAddress[]::new)).connectionsPerNode(1).retryAttempts(0).build();
      try (Cache<String> cache = Cacheman.builder().config(config).transcoder(Strings.UTF8).build()) {
        for (int node = 0; node < nodes; node++) {
          String warm = Keys.ownedBy(config, node, "warm");
          assertEquals("v:" + warm, cache.get(warm));
        }
        test.run(cache, config, nodes - 1);
      }
    } finally {
      for (MisbehavingServer server : servers) {
        server.close();
      }
    }
  }

  /** Waits until {@code caller} is parked for its I/O thread, not reading its connection itself. */
  private static void awaitParked(Thread caller) {
    await().atMost(Duration.ofSeconds(5)).until(() -> {
      List<StackTraceElement> frames = Arrays.asList(caller.getStackTrace());
      return frames.stream().anyMatch(f -> f.getMethodName().equals("park"))
          && frames.stream().noneMatch(f -> f.getClassName().endsWith(".ReadRole"));
    });
  }

  @Test
  void aCallerParksWhileItsIoThreadWaitsForAnotherNodesReply() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    MisbehavingServer.Script holdingHeldKeys = (line, n) -> {
      if (line.startsWith("get held")) {
        awaitQuietly(release);
      }
      return MisbehavingServer.proper(line);
    };
    try {
      onTwoNodesOfOneIoThread(holdingHeldKeys, (cache, config, last) -> {
        String onFirst = Keys.ownedBy(config, 0, "held-a");
        String onLast = Keys.ownedBy(config, last, "held-b");
        AtomicReference<String> firstValue = new AtomicReference<>();
        Thread reader = start(firstValue, new AtomicReference<>(), () -> cache.get(onFirst));
        awaitReadingItself(reader); // alone on the I/O thread: it reads for itself

        AtomicReference<String> lastValue = new AtomicReference<>();
        Thread parker = start(lastValue, new AtomicReference<>(), () -> cache.get(onLast));
        awaitParked(parker); // the I/O thread wakes for the first node's reply anyway: it reads both
        release.countDown();
        reader.join(TimeUnit.SECONDS.toMillis(5));
        parker.join(TimeUnit.SECONDS.toMillis(5));
        assertEquals("v:" + onFirst, firstValue.get());
        assertEquals("v:" + onLast, lastValue.get());
      });
    } finally {
      release.countDown();
    }
  }

  @Test
  void aCallerReadsItsOwnReplyAgainOnceTheOtherNodesRequestEndedWithItsConnection() throws Exception {
    // The loop counts its connections that hold requests (EventLoop#awaitsOtherReplies): a request
    // failed by a dropped connection must leave that count as an answered one does.
    CountDownLatch drop = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    MisbehavingServer.Script script = (line, n) -> {
      if (line.startsWith("get dropped")) {
        awaitQuietly(drop);
        return Reply.thenClose("");
      }
      if (line.startsWith("get held")) {
        awaitQuietly(line.startsWith("get held-late") ? answer : drop);
      }
      return MisbehavingServer.proper(line);
    };
    try {
      onTwoNodesOfOneIoThread(script, (cache, config, last) -> {
        CompletableFuture<String> dropped = cache.async().get(Keys.ownedBy(config, 0, "dropped")).toCompletableFuture();
        String onLast = Keys.ownedBy(config, last, "held-b");
        AtomicReference<String> lastValue = new AtomicReference<>();
        Thread parker = start(lastValue, new AtomicReference<>(), () -> cache.get(onLast));
        awaitParked(parker);
        drop.countDown();
        parker.join(TimeUnit.SECONDS.toMillis(5));
        assertEquals("v:" + onLast, lastValue.get());
        assertThrows(Exception.class, () -> dropped.get(5, TimeUnit.SECONDS));

        String late = Keys.ownedBy(config, last, "held-late");
        AtomicReference<String> lateValue = new AtomicReference<>();
        Thread reader = start(lateValue, new AtomicReference<>(), () -> cache.get(late));
        awaitReadingItself(reader); // nothing else in flight on the I/O thread now
        answer.countDown();
        reader.join(TimeUnit.SECONDS.toMillis(5));
        assertEquals("v:" + late, lateValue.get());
      });
    } finally {
      drop.countDown();
      answer.countDown();
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
    CountDownLatch release = new CountDownLatch(1);
    try (MisbehavingServer server = new MisbehavingServer((line, n) -> {
          if (n != 1) {
            return MisbehavingServer.proper(line);
          }
          awaitQuietly(release);
          return Reply.thenClose("");
        });
        Cache<String> cache = Clients.strings(c -> c.connectionsPerNode(1), server.address())) {
      assertEquals("v:warm", cache.get("warm"));
      AtomicReference<String> value = new AtomicReference<>();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread reader = start(value, failure, () -> cache.get("k"));
      awaitReadingItself(reader);
      release.countDown();
      reader.join(TimeUnit.SECONDS.toMillis(5));
      assertEquals("v:k", value.get(), String.valueOf(failure.get()));
      assertEquals(2, server.connections());
      assertEquals(0, cache.admin().stats().total().inFlight());
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
    CountDownLatch release = new CountDownLatch(1);
    try (MisbehavingServer server = holding("slow", release);
        Cache<String> cache = Clients.strings(c -> c.connectionsPerNode(1), server.address())) {
      AtomicReference<Throwable> failure = new AtomicReference<>();
      assertEquals("v:warm", cache.get("warm"));
      Thread reader = start(new AtomicReference<>(), failure, () -> cache.get("slow"));
      awaitReadingItself(reader);
      reader.interrupt();
      reader.join(TimeUnit.SECONDS.toMillis(5));
      assertTrue(failure.get() instanceof CachemanException, String.valueOf(failure.get()));
      assertTrue(failure.get().getMessage().contains("interrupted"), String.valueOf(failure.get()));
      release.countDown();
      // the late reply to "slow" still arrives first and goes to its own (abandoned) request
      assertEquals("v:after", cache.get("after"));
      assertEquals(0, cache.admin().stats().total().inFlight());
    }
  }
}
