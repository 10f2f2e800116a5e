package io.cacheman.internal.connection;

import io.cacheman.CacheTimeoutException;
import io.cacheman.internal.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * A connection's deadlines. A request past its deadline fails alone, with a timeout, and stays in
 * the connection's FIFO: its late reply is read and dropped, so it can never be taken for the next
 * request's, and the connection stays open. While its oldest request is overdue the connection is
 * <em>stalled</em>: the pool sends new requests elsewhere, and the stall counts once with the
 * node's health, however many requests it cost. A stall that lasts {@code stallLimitNanos} (one
 * more operation timeout) closes the connection: the node answers nothing, a reconnect will tell.
 * When the pool has replaced a stalled connection, it closes once its last late reply is in.
 */
final class Expiry {
  private final NodeConnection connection;
  private final String node;
  private final InFlightQueue inFlight;
  private final BatchWriter writer;
  private final long stallLimitNanos;
  private final Clock clock;
  private volatile boolean stalled;
  private volatile boolean retired;

  Expiry(NodeConnection connection, String node, InFlightQueue inFlight, BatchWriter writer, long stallLimitNanos,
      Clock clock) {
    this.connection = connection;
    this.node = node;
    this.inFlight = inFlight;
    this.writer = writer;
    this.stallLimitNanos = stallLimitNanos;
    this.clock = clock;
  }

  /**
   * Any thread: true while the oldest request is overdue, from its deadline on (the I/O thread may
   * not have looked yet: a caller whose call just timed out must not queue its next one here).
   */
  boolean stalled() {
    if (stalled) {
      return true;
    }
    long oldest = inFlight.oldestDeadline();
    return oldest != EventLoop.NEVER && clock.nanoTime() - oldest >= 0;
  }

  /**
   * I/O thread: fails what is due at {@code now}, notices a stall, closes at the stall limit.
   *
   * @return when to look again (the earliest deadline or stall limit pending), or {@link EventLoop#NEVER}
   */
  long expire(long now, ConnectionListener listener) {
    long next = inFlight.expire(now, this::timedOut);
    long queued = writer.expireQueued(now, this::timedOut);
    next = EventLoop.before(queued, next) ? queued : next;
    long oldest = inFlight.oldestDeadline();
    if (oldest == EventLoop.NEVER || now - oldest < 0) {
      return next;
    }
    long limit = oldest + stallLimitNanos;
    if (now - limit >= 0) {
      connection.close(CloseReason.quiet("no reply for " + TimeUnit.NANOSECONDS.toMillis(now - oldest)
          + " ms past a request's deadline"));
      return EventLoop.NEVER;
    }
    if (!stalled) {
      stalled = true;
      listener.onStall(connection);
    }
    return EventLoop.before(limit, next) ? limit : next;
  }

  /** The reader, after taking a reply off the FIFO: the stall ends once no overdue request is left. */
  void replyTaken() {
    if (stalled) {
      long oldest = inFlight.oldestDeadline();
      stalled = oldest != EventLoop.NEVER && clock.nanoTime() - oldest >= 0;
    }
    closeIfDone();
  }

  /** I/O thread: the pool has replaced this connection. */
  void retire() {
    retired = true;
    closeIfDone();
  }

  private void closeIfDone() {
    if (retired && connection.inFlight() == 0) {
      connection.closeByClient("replaced after a stall, and its late replies are in");
    }
  }

  private void timedOut(Request request) {
    request.onFailure(new CacheTimeoutException(request.name() + " on " + node
        + " got no reply within the operation timeout"));
  }
}
