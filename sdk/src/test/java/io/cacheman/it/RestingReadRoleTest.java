package io.cacheman.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.AsyncCache;
import io.cacheman.Cache;
import io.cacheman.config.NodeAddress;
import io.cacheman.internal.ClientProbe;
import io.cacheman.testing.Clients;
import io.cacheman.testing.ManualClock;
import io.cacheman.testing.MisbehavingServer;
import io.cacheman.testing.Strings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * After a lone blocking caller read its own reply, its connection's read role rests: nobody reads
 * until a request its sender will not read comes, or the I/O thread takes the role back once it has
 * rested 100 ms ({@code ReadRole.REST_NANOS}). The clients here run on a clock that moves only when
 * the test says, so a rest ends exactly when the test lets it. (On that clock a client closed with
 * requests in flight waits for them for good: the time limit interrupts that wait if a test fails.)
 */
@Timeout(30)
class RestingReadRoleTest {
  private static final Duration LESS_THAN_A_REST = Duration.ofMillis(50);
  private static final Duration A_REST = Duration.ofMillis(100);

  /**
   * A client whose one connection is open: a call sent while it connects is read by the I/O thread, and
   * the next call, finding that thread still reading, would park instead of reading for itself.
   */
  private static Cache<String> client(ManualClock clock, NodeAddress node) {
    Cache<String> cache = ClientProbe.open(Clients.config(node).connectionsPerNode(1).retryAttempts(0).build(),
        clock, Strings.UTF8);
    assertTrue(cache.admin().awaitConnected(Duration.ofSeconds(5)), "the client did not connect");
    return cache;
  }

  private static MisbehavingServer proper() throws Exception {
    return new MisbehavingServer((line, n) -> MisbehavingServer.proper(line));
  }

  @Test
  void afterACallerReadsItsOwnRepliesTheIoThreadReadsForTheNextAsyncCalls() throws Exception {
    // The async calls' replies are read because their submit hands the role back to the I/O thread;
    // the clock stands still, so no rest ends and nothing else would.
    ManualClock clock = ManualClock.stopped();
    try (MisbehavingServer server = proper(); Cache<String> cache = client(clock, server.address())) {
      AsyncCache<String> async = cache.async();
      for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 5; i++) {
          assertEquals("v:sync" + i, cache.get("sync" + i));
        }
        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          calls.add(async.get("async" + i).toCompletableFuture());
        }
        for (int i = 0; i < 5; i++) {
          assertEquals("v:async" + i, calls.get(i).get(5, TimeUnit.SECONDS));
        }
      }
      assertEquals(0, cache.admin().stats().total().inFlight());
    }
  }

  @Test
  void aConnectionTheNodeClosesAfterALoneCallersLastReplyIsReplacedOnceTheRestEnds() throws Exception {
    ManualClock clock = ManualClock.stopped();
    try (MisbehavingServer server = proper(); Cache<String> cache = client(clock, server.address())) {
      assertEquals("v:first", cache.get("first"));
      assertEquals("v:last", cache.get("last")); // read by the caller itself, which makes no more calls
      server.dropConnections(); // nobody reads while the role rests, so nobody sees this yet
      await().atMost(Duration.ofSeconds(5)).until(() -> {
        clock.advance(A_REST); // the rest ends, and a reconnection's backoff passes, as the clock moves
        return server.connections() == 2;
      });
    }
  }

  @Test
  void aRoleThatRestedLessThanTheRestPeriodStaysWithItsCaller() throws Exception {
    // A lone caller going round many nodes comes back to each after a while (every 25 ms over 200
    // nodes): taking the role back sooner would cost its next call there an I/O thread wake-up.
    ManualClock clock = ManualClock.stopped();
    try (MisbehavingServer server = proper(); Cache<String> cache = client(clock, server.address())) {
      assertEquals("v:first", cache.get("first"));
      assertEquals("v:last", cache.get("last"));
      server.dropConnections();
      clock.advance(LESS_THAN_A_REST);
      // The I/O thread's deadline checks come and go in real time meanwhile; had one taken the role
      // back, it would have seen the close (and reconnecting waits for the clock).
      await("the close unseen until the rest ends").during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
          .until(() -> ClientProbe.openConnections(cache) == 1);
      await().atMost(Duration.ofSeconds(5)).until(() -> {
        clock.advance(A_REST);
        return server.connections() == 2;
      });
    }
  }
}
