package io.cacheman.internal.connection;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.testing.BareRequest;
import io.cacheman.testing.ManualClock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When a blocking caller may read its own reply. The end-to-end cases, over sockets, are in
 * {@code CallerReadsRepliesTest}; these pin the decision for a connection that has no socket yet.
 */
class ReadRoleTest {
  private static final ReadRole.Waiter NEVER_ANSWERED = () -> false;

  private final EventLoop loop = new EventLoop(Thread::new, ManualClock.flowing(), TimeUnit.SECONDS.toNanos(1));
  private final NodeConnection opening = OpeningConnections.on(loop);

  @AfterEach
  void stopLoop() {
    loop.close();
  }

  @Test
  void aCallerAloneOnAConnectionStillOpeningParksForTheLoopToDeliver() {
    opening.submit(new BareRequest(later()));
    assertEquals(ReadRole.Lead.PARK, opening.readRole().lead(NEVER_ANSWERED, later()));
  }

  @Test
  void aCallerWithOthersInFlightParks() {
    opening.submit(new BareRequest(later()));
    opening.submit(new BareRequest(later()));
    assertEquals(ReadRole.Lead.PARK, opening.readRole().lead(NEVER_ANSWERED, later()));
  }

  @Test
  void aCallerOnAClosedConnectionParksUntilItsFailureWakesIt() {
    BareRequest request = new BareRequest(later());
    opening.submit(request);
    opening.close(CloseReason.error("test closes it", null));
    assertEquals(ReadRole.Lead.PARK, opening.readRole().lead(NEVER_ANSWERED, later()));
    await().atMost(Duration.ofSeconds(5)).until(() -> request.failure() != null);
    assertTrue(request.failure().getMessage().contains("test closes it"), request.failure().getMessage());
  }

  private long later() {
    return loop.clock().nanoTime() + TimeUnit.SECONDS.toNanos(1);
  }
}
