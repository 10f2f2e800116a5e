package io.cacheman.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.AsyncCache;
import io.cacheman.Cache;
import io.cacheman.CacheTimeoutException;
import io.cacheman.NodeState;
import io.cacheman.internal.ClientProbe;
import io.cacheman.testing.Clients;
import io.cacheman.testing.ManualClock;
import io.cacheman.testing.MisbehavingServer;
import io.cacheman.testing.Strings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A slow reply is not a dead node: the call that waited for it fails alone, so do the calls
 * already queued behind it on its connection, the late replies are read and dropped (no value goes
 * to the wrong call), the connection stays, and calls made after its deadline succeed.
 */
class SlowReplyTest {
  private static final Duration TIMEOUT = Duration.ofMillis(300);

  @Test
  void oneSlowReplyCostsOnlyTheCallsQueuedBehindItAndNeverTheNode() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (MisbehavingServer server = new MisbehavingServer((line, n) -> {
          if (line.equals("get slow")) {
            awaitQuietly(release);
          }
          return MisbehavingServer.proper(line);
        });
        AsyncCache<String> cache = Clients.asyncStrings(c -> c.connectionsPerNode(1).operationTimeout(TIMEOUT)
            .failureThreshold(2), server.address())) {
      assertTrue(cache.admin().awaitConnected(Duration.ofSeconds(5)));
      CompletableFuture<String> slow = cache.get("slow").toCompletableFuture();
      List<CompletableFuture<String>> behind = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        behind.add(cache.get("behind" + i).toCompletableFuture());
      }
      assertTimedOut(slow);
      for (CompletableFuture<String> queued : behind) {
        assertTimedOut(queued);
      }
      // With a failure threshold of 2 the node stays: five timeouts are one stall, one event, and the call
      // made after the deadline goes to a fresh connection and is answered there.
      assertEquals("v:after", cache.get("after").toCompletableFuture().get(5, TimeUnit.SECONDS));
      assertEquals(NodeState.UP, cache.admin().stats().nodes().get(0).state());
      release.countDown();
      assertEquals("v:later", cache.get("later").toCompletableFuture().get(5, TimeUnit.SECONDS));
      assertEquals(2, server.connections(), "the stalled connection was replaced once, not reopened per call");
      assertEquals(0, cache.admin().stats().total().breakerTransitions());
      assertEquals(5, cache.admin().stats().total().timeouts());
    }
  }

  @Test
  void aTimedOutCallsLateReplyIsDroppedAndTheConnectionGoesOn() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (MisbehavingServer server = new MisbehavingServer((line, n) -> {
          if (line.equals("get slow")) {
            awaitQuietly(release);
          }
          return MisbehavingServer.proper(line);
        });
        AsyncCache<String> cache = Clients.asyncStrings(c -> c.connectionsPerNode(2).operationTimeout(TIMEOUT),
            server.address())) {
      assertTrue(cache.admin().awaitConnected(Duration.ofSeconds(5)));
      assertTimedOut(cache.get("slow").toCompletableFuture());
      release.countDown();
      for (int i = 0; i < 50; i++) {
        assertEquals("v:k" + i, cache.get("k" + i).toCompletableFuture().get(5, TimeUnit.SECONDS));
      }
      assertEquals(2, server.connections(), "no connection was closed over the late reply");
    }
  }

  @Test
  void aCallQueuedBehindUnansweredRepliesStillReachesTheNode() throws Exception {
    ManualClock clock = ManualClock.flowing();
    try (MisbehavingServer server = new MisbehavingServer((line, n) ->
            line.startsWith("get answered") ? MisbehavingServer.proper(line) : MisbehavingServer.Reply.SILENCE);
        Cache<String> owner = ClientProbe.open(Clients.config(server.address()).connectionsPerNode(1)
            .operationTimeout(Duration.ofSeconds(2)).build(), clock, Strings.UTF8)) {
      AsyncCache<String> cache = owner.async();
      assertTrue(cache.admin().awaitConnected(Duration.ofSeconds(5)));
      for (int round = 0; round < 2; round++) { // the connection goes idle, and busy again, each round
        assertEquals("v:answered" + round, cache.get("answered" + round).toCompletableFuture().get(5, TimeUnit.SECONDS));
        clock.advance(Duration.ofMillis(50)); // the connection has been quiet a while: no reply is being read
        List<CompletableFuture<String>> calls = new ArrayList<>();
        calls.add(cache.get("unanswered-a" + round).toCompletableFuture()); // written by its caller
        calls.add(cache.get("unanswered-b" + round).toCompletableFuture());
        // Two replies are due, so this one is left to the I/O thread, which would send it after the next
        // reply: none comes, and it must go out anyway, long before its deadline.
        calls.add(cache.get("behind" + round).toCompletableFuture());
        String sent = "get behind" + round;
        await().atMost(Duration.ofSeconds(1)).until(() -> server.lines().contains(sent));
        calls.forEach(call -> assertTimedOut(call, Duration.ofSeconds(10)));
      }
    }
  }

  private static void assertTimedOut(CompletableFuture<String> call) {
    assertTimedOut(call, Duration.ofSeconds(5));
  }

  private static void assertTimedOut(CompletableFuture<String> call, Duration within) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(within.toMillis(), TimeUnit.MILLISECONDS));
    assertInstanceOf(CacheTimeoutException.class, e.getCause());
  }

  private static void awaitQuietly(CountDownLatch release) {
    try {
      release.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
