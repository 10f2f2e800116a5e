package io.cacheman.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cacheman.CachemanException;
import io.cacheman.internal.protocol.ReplyReader;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When a blocking caller may read its own reply. The end-to-end cases, over sockets, are in
 * {@code CallerReadsRepliesTest}; these pin the decision for a connection that has no socket yet.
 */
class ReadRoleTest {
  private static final ReadRole.Waiter NEVER_ANSWERED = () -> false;

  private final EventLoop loop = new EventLoop(Thread::new, 10, TimeUnit.MILLISECONDS);
  private final NodeConnection opening = new NodeConnection("127.0.0.1:1", loop, 16, new Ignored());

  @AfterEach
  void stopLoop() {
    loop.close();
  }

  @Test
  void aCallerAloneOnAConnectionStillOpeningAsksAgainRatherThanParkingForGood() {
    opening.submit(request());
    assertEquals(ReadRole.Lead.ASK_AGAIN, opening.lead(NEVER_ANSWERED, later()));
  }

  @Test
  void aCallerWithOthersInFlightParks() {
    opening.submit(request());
    opening.submit(request());
    assertEquals(ReadRole.Lead.PARK, opening.lead(NEVER_ANSWERED, later()));
  }

  @Test
  void aCallerOnAClosedConnectionParksUntilItsFailureWakesIt() {
    opening.submit(request());
    opening.close("test closes it", null);
    assertEquals(ReadRole.Lead.PARK, opening.lead(NEVER_ANSWERED, later()));
  }

  private static long later() {
    return System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
  }

  private static Request request() {
    long deadline = later();
    return new Request() {
      @Override public void writeTo(Buffer sink) { }
      @Override public boolean readReply(ReplyReader reader) { return true; }
      @Override public boolean replyLeavesStreamInDoubt() { return false; }
      @Override public void onReply() { }
      @Override public void onFailure(CachemanException cause) { }
      @Override public long deadlineNanos() { return deadline; }
      @Override public String name() { return "get"; }
    };
  }

  private static final class Ignored implements ConnectionListener {
    @Override public void onOpen(NodeConnection connection) { }
    @Override public void onFirstReply(NodeConnection connection) { }
    @Override public void onClosed(NodeConnection connection, String why) { }
    @Override public void onCloseError(NodeConnection connection, Exception error) { }
  }
}
