package io.cacheman.internal.connection;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.CacheConnectionException;
import io.cacheman.CacheOverloadedException;
import io.cacheman.testing.BareRequest;
import io.cacheman.testing.ManualClock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The event loop watching a node's line of requests waiting for a slot ends each at its deadline;
 * a slot handed to the line is given back exactly once.
 */
class InFlightRoomTest {
  private final ManualClock clock = ManualClock.flowing();
  private final EventLoop loop = new EventLoop(Thread::new, clock, TimeUnit.SECONDS.toNanos(1));
  private final InFlightRoom room = new InFlightRoom(loop);

  @AfterEach
  void stopLoop() {
    loop.close();
  }

  @Test
  void aRequestStillInLineAtItsDeadlineFailsAsOverloadedAndLeavesTheLine() {
    loop.watch(room);
    BareRequest soon = new BareRequest(clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50));
    BareRequest later = new BareRequest(clock.nanoTime() + TimeUnit.SECONDS.toNanos(60));
    room.join(soon);
    room.join(later);

    await().atMost(Duration.ofSeconds(5)).until(() -> soon.failure() != null);
    assertInstanceOf(CacheOverloadedException.class, soon.failure());
    assertTrue(soon.failure().getMessage().contains("no slot came free"), soon.failure().getMessage());
    assertNull(later.failure(), "a request not yet due keeps its place");
    assertTrue(room.anyoneWaits());
  }

  @Test
  void aRoomNoLongerWatchedIsLeftAlone() {
    InFlightRoom unwatched = new InFlightRoom(loop);
    loop.watch(unwatched);
    loop.unwatch(unwatched);
    loop.watch(room);
    long due = clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
    BareRequest left = new BareRequest(due);
    BareRequest ended = new BareRequest(due);
    unwatched.join(left);
    room.join(ended);

    // One pass of the loop's deadline check looks at every room it watches: once it has ended the
    // watched room's request, it would have ended the other one too, had it still watched it.
    await().atMost(Duration.ofSeconds(5)).until(() -> ended.failure() != null);
    assertNull(left.failure(), "only a watching loop ends requests in line (the pool fails them when it closes)");
  }

  @Test
  void aSlotHandedToAConnectionClosedMeanwhileIsGivenBackOnce() {
    NodeConnection closing = OpeningConnections.on(loop);
    assertTrue(closing.slots().tryTake(), "the slot that came free, still taken when it is handed on");
    closing.close(CloseReason.error("closed meanwhile", null)); // after the free slot's owner saw it open
    BareRequest waiting = new BareRequest(clock.nanoTime() + TimeUnit.SECONDS.toNanos(60));
    room.join(waiting);

    int handled = room.handOff(closing, 1);
    assertInstanceOf(CacheConnectionException.class, waiting.failure());
    assertEquals(0, closing.inFlight(), "the closed connection gave the slot back itself");
    assertEquals(1, handled, "so the slot's owner must not give it back again");
    assertEquals(0, loop.withRequests.get(), "and the loop no longer counts the connection as holding requests");
  }
}
