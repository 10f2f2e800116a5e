package io.cacheman.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.testing.ManualClock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The loop's list of connections with work: a connection stays while a request holds one of its
 * slots and leaves on the first look after its last one ended. (This test's thread plays the loop's
 * thread for a list of its own; the loop's own list never sees these connections.)
 */
class BusyConnectionsTest {
  private final EventLoop loop = new EventLoop(Thread::new, ManualClock.flowing(), TimeUnit.SECONDS.toNanos(1));
  private final BusyConnections busy = new BusyConnections(loop);
  private final NodeConnection a = OpeningConnections.on(loop);
  private final NodeConnection b = OpeningConnections.on(loop);

  @AfterEach
  void stopLoop() {
    loop.close();
  }

  @Test
  void aConnectionLeavesOnTheFirstLookAfterItsLastRequestEnded() {
    takeSlotAndJoin(a);
    takeSlotAndJoin(b);
    assertEquals(EventLoop.NEVER, busy.look(), "nothing was written, so no reply is due and no look is wanted");
    assertFalse(a.slots().list(), "a request still holds a slot of a: it stays listed");

    a.slots().release(1);
    busy.look();
    assertFalse(b.slots().list(), "b still holds its request");
    assertTrue(a.slots().list(), "a left, so its next request lists it again");
  }

  private void takeSlotAndJoin(NodeConnection connection) {
    assertTrue(connection.slots().tryTake());
    busy.join(connection);
  }
}
