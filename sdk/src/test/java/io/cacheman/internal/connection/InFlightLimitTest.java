package io.cacheman.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.testing.ManualClock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A connection's in-flight slots, and the mark that keeps it listed among its loop's busy
 * connections exactly while a request holds one of them ({@link BusyConnections}), and the loop's
 * count of its connections holding requests ({@link EventLoop#awaitsOtherReplies}).
 */
class InFlightLimitTest {
  private final EventLoop loop = new EventLoop(Thread::new, ManualClock.flowing(), TimeUnit.SECONDS.toNanos(1));
  private final NodeConnection owner = OpeningConnections.on(loop);
  private final InFlightLimit slots = new InFlightLimit(2, new InFlightRoom(loop), owner, loop.withRequests);

  @AfterEach
  void stopLoop() {
    loop.close();
  }

  @Test
  void noMoreSlotsThanTheLimitAreTaken() {
    assertTrue(slots.tryTake());
    assertTrue(slots.tryTake());
    assertFalse(slots.tryTake());
    assertEquals(2, slots.taken());
    slots.release(1);
    assertTrue(slots.tryTake());
  }

  @Test
  void theFirstRequestListsTheConnectionAndTheNextFindItListed() {
    assertTrue(slots.tryTake());
    assertTrue(slots.list());
    assertTrue(slots.tryTake());
    assertFalse(slots.list(), "listed once, however many requests it holds");
  }

  @Test
  void aConnectionWhoseRequestsEndedLeavesAndTheNextRequestListsItAgain() {
    assertTrue(slots.tryTake());
    assertTrue(slots.list());
    slots.release(1);
    assertTrue(slots.unlistIfIdle());
    assertTrue(slots.tryTake());
    assertTrue(slots.list(), "an unlisted connection is listed again by its next request");
  }

  @Test
  void aConnectionStillHoldingARequestStaysListed() {
    assertTrue(slots.tryTake());
    assertTrue(slots.list());
    assertFalse(slots.unlistIfIdle(), "a request holds a slot: it keeps its place");
    assertFalse(slots.list(), "and is still marked listed, so it is not listed twice");
  }

  @Test
  void theLoopCountsTheConnectionOnceWhileItHoldsAnySlot() {
    assertTrue(slots.tryTake());
    assertTrue(slots.tryTake());
    assertFalse(slots.tryTake());
    assertEquals(1, loop.withRequests.get(), "one connection, however many slots it holds");
    slots.release(1);
    assertEquals(1, loop.withRequests.get(), "a slot is still taken");
    slots.release(1);
    assertEquals(0, loop.withRequests.get());
    assertTrue(slots.tryTake());
    assertEquals(1, loop.withRequests.get(), "counted again by its next request");
  }
}
