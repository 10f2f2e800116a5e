package io.cacheman.internal.connection;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who reads a {@link NodeConnection}'s replies: its {@link EventLoop}, or a caller thread that is
 * waiting for one of them (leader/followers). Whoever holds the role is the only consumer of the
 * connection's in-flight FIFO, so exactly one thread decodes and a value never goes to the wrong
 * request.
 *
 * <h2>Why</h2>
 * A caller waiting for its reply that reads the socket itself is woken once, by the kernel, when
 * the reply lands; through the event loop it takes two wake-ups in series (the I/O thread, then
 * the caller it unparks). At a few threads the run is bound by those wake-ups, not by CPU.
 *
 * <h2>How</h2>
 * <ul>
 *   <li>By default the event loop holds the role and reads when its selector says so.
 *   <li>A synchronous caller about to park {@link #lead leads} instead when the loop is not reading
 *       right now: it turns the loop's read interest off and waits in this connection's own
 *       selector (a channel may be registered with several), decoding every reply that arrives,
 *       in order, for whoever it belongs to, and flushing queued writes as the loop would.
 *   <li>Once its own op has an outcome it lets go: to the waiter of the oldest request still in
 *       flight if that caller will take it ({@link Request#takeReadRole}), else back to the loop
 *       (read interest on, selector woken). The role is never dropped, so no request is stranded.
 *   <li>On close, whoever holds the role fails what is in flight: the loop at once, or the caller
 *       when it lets go (it hands the role and that work to the loop).
 * </ul>
 * Deadlines stay with the loop's tick, which closes the connection (waking a reading caller).
 */
public final class ReadRole {
  /** A caller waiting for its outcome. */
  public interface Waiter {
    /** True once the caller's op has its outcome. */
    boolean answered();
  }

  private static final Logger log = LoggerFactory.getLogger(ReadRole.class);
  /** Longest single wait in the caller's selector, so that a missed wake-up costs little. */
  private static final long MAX_WAIT_MILLIS = 10;

  private enum Holder { LOOP, LOOP_READING, CALLER }

  private final NodeConnection connection;
  private final EventLoop loop;
  private final ByteBuffer scratch = ByteBuffer.allocateDirect(16 * 1024);
  private Holder holder = Holder.LOOP; // guarded by this
  private SelectionKey loopKey; // guarded by this; null until registered
  private Selector selector; // opened by the first caller that leads; used only by the holder

  ReadRole(NodeConnection connection, EventLoop loop) {
    this.connection = connection;
    this.loop = loop;
  }

  /** I/O thread: the channel is registered with the loop's selector under {@code key}. */
  synchronized void registered(SelectionKey key) {
    loopKey = key;
  }

  /** I/O thread: true if the loop may read now; then {@link #loopDone()} must follow. */
  synchronized boolean loopBegins() {
    if (holder != Holder.LOOP) {
      return false; // a caller reads: the loop's read interest is off, this event is stale
    }
    holder = Holder.LOOP_READING;
    return true;
  }

  /** I/O thread: the loop has read what was there. */
  synchronized void loopDone() {
    holder = Holder.LOOP;
  }

  /** I/O thread: true while a caller holds the role (it fails the FIFO itself on close). */
  synchronized boolean callerHolds() {
    return holder == Holder.CALLER;
  }

  /**
   * Caller thread: reads replies until {@code waiter} has its outcome, {@code until} passes, the
   * thread is interrupted or the connection closes, if no one else is reading right now.
   *
   * @return false if the role was taken (the caller should park instead)
   */
  boolean lead(Waiter waiter, long until) {
    if (!acquire()) {
      return false;
    }
    readAsHolder(waiter, until);
    return true;
  }

  /** Caller thread: as {@link #lead}, for a caller the role was handed to. */
  public void readAsHolder(Waiter waiter, long until) {
    try {
      while (!waiter.answered() && !connection.isClosed() && !Thread.currentThread().isInterrupted()) {
        long left = until - System.nanoTime();
        if (left <= 0) {
          break;
        }
        long millis = Math.max(1, Math.min(MAX_WAIT_MILLIS, TimeUnit.NANOSECONDS.toMillis(left)));
        if (selector.select(millis) > 0) {
          selector.selectedKeys().clear();
          connection.readAvailable(scratch);
        }
      }
    } catch (ClosedChannelException e) {
      log.trace("reading connection closed under a caller", e); // the close fails what is pending
    } catch (IOException e) {
      connection.close("waiting for replies failed: " + e.getMessage(), e);
    } finally {
      release();
    }
  }

  /** Caller thread, holding the role but leaving at once: lets go as after a read. */
  public void pass() {
    release();
  }

  /** Any thread: a reading caller must notice the close now. */
  void wakeReader() {
    Selector s;
    synchronized (this) {
      s = holder == Holder.CALLER ? selector : null;
    }
    if (s != null) {
      s.wakeup();
    }
  }

  /** The role's holder, once the connection is closed: frees the selector. */
  synchronized void closeSelector() {
    if (selector != null) {
      try {
        selector.close();
      } catch (IOException e) {
        log.debug("closing a connection's reply selector failed", e);
      }
    }
  }

  private synchronized boolean acquire() {
    if (holder != Holder.LOOP || loopKey == null || connection.isClosed()) {
      return false;
    }
    try {
      if (selector == null) {
        Selector opened = Selector.open();
        try {
          loopKey.channel().register(opened, SelectionKey.OP_READ);
        } catch (IOException e) {
          opened.close();
          throw e;
        }
        selector = opened;
      }
      loopKey.interestOpsAnd(~SelectionKey.OP_READ);
    } catch (IOException | CancelledKeyException e) {
      log.debug("a caller cannot read its connection itself; the I/O thread does", e);
      return false;
    }
    holder = Holder.CALLER;
    return true;
  }

  private void release() {
    if (!connection.isClosed()) {
      Request next = connection.oldestInFlight();
      if (next != null && next.takeReadRole(this)) {
        return; // the next reply's own caller reads it
      }
    }
    synchronized (this) {
      holder = Holder.LOOP;
      try {
        loopKey.interestOpsOr(SelectionKey.OP_READ);
      } catch (CancelledKeyException e) {
        log.trace("connection closed while a caller read it", e); // the close below fails the rest
      }
    }
    loop.wakeup(); // its selector picks the read interest up on its next select
    if (connection.isClosed()) {
      loop.execute(connection::failInFlight);
    }
  }
}
