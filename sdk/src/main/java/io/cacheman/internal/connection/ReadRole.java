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
 * Who reads a {@link NodeConnection}'s replies: its {@link EventLoop}, or a caller thread waiting
 * for the only request in flight on it. Whoever holds the role is the only consumer of the
 * connection's in-flight FIFO, so one thread decodes at a time and a value never goes to the
 * wrong request.
 *
 * <h2>Why</h2>
 * A caller that waits on the socket itself is woken once, by the kernel, when its reply lands;
 * through the event loop it takes two wake-ups in series (the I/O thread, then the caller it
 * unparks). On a lightly loaded connection those wake-ups are most of the latency.
 *
 * <h2>How</h2>
 * <ul>
 *   <li>By default the event loop holds the role and reads when its selector says so.
 *   <li>A synchronous caller about to park {@link #lead leads} instead if its request is the only
 *       one in flight and the loop is not reading right now: it turns the loop's read interest
 *       off and waits in this connection's own selector (a channel may be registered with
 *       several), decoding every reply that arrives, in order, for whoever it belongs to, and
 *       flushing queued writes as the loop would.
 *   <li>Once its op has an outcome (or its wait ends: deadline, interrupt, close) it gives the
 *       role back to the loop: read interest on, selector woken. The role is never dropped, so
 *       no request is stranded. With more requests in flight callers park as before: handing
 *       the role from caller to caller costs as many wake-ups as it saves.
 *   <li>A caller that finds the connection still opening, or the loop mid-read, parks briefly and
 *       asks again (a reply landing meanwhile is read by the loop, which wakes it), so the first
 *       request on a new connection, or one sent just after a reply, is read the same way.
 *   <li>On close, whoever holds the role fails what is in flight: the loop at once, or the
 *       caller's hand-back (which asks the loop to).
 * </ul>
 * Deadlines stay with the loop's tick, which closes the connection (waking a reading caller).
 */
public final class ReadRole {
  /** A caller waiting for its outcome. */
  public interface Waiter {
    /** True once the caller's op has its outcome. */
    boolean answered();
  }

  /** What {@link #lead} did, and so what the caller does next. */
  public enum Lead {
    /** The caller read until its wait ended. */
    READ,
    /** Other requests are in flight, or the connection closed: park until woken. */
    PARK,
    /**
     * The connection is still opening, or another thread is mid-read: park briefly, then ask
     * again. A reply that lands meanwhile is read by the loop, which wakes the caller.
     */
    ASK_AGAIN
  }

  private static final Logger log = LoggerFactory.getLogger(ReadRole.class);
  /** Longest single wait in the caller's selector, so that a missed wake-up costs little. */
  private static final long MAX_WAIT_MILLIS = 10;

  private enum Holder { LOOP, LOOP_READING, CALLER }

  private final NodeConnection connection;
  private final EventLoop loop;
  private Holder holder = Holder.LOOP; // guarded by this
  private SelectionKey loopKey; // guarded by this; null until registered
  // Opened by the first caller that leads (most connections never need them); used by the holder.
  private Selector selector;
  private ByteBuffer scratch;

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
   * thread is interrupted or the connection closes, if its request is the only one in flight
   * and no one else is reading right now.
   *
   * @return whether it read, and if not whether asking again soon may let it
   */
  Lead lead(Waiter waiter, long until) {
    Lead acquired = acquire();
    if (acquired != Lead.READ) {
      return acquired;
    }
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
    return Lead.READ;
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

  private synchronized Lead acquire() {
    if (connection.isClosed() || connection.inFlight() != 1) {
      return Lead.PARK;
    }
    if (holder != Holder.LOOP || loopKey == null) {
      return Lead.ASK_AGAIN;
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
        scratch = ByteBuffer.allocateDirect(16 * 1024);
      }
      loopKey.interestOpsAnd(~SelectionKey.OP_READ);
    } catch (IOException | CancelledKeyException e) {
      log.debug("a caller cannot read its connection itself; the I/O thread does", e);
      return Lead.PARK;
    }
    holder = Holder.CALLER;
    return Lead.READ;
  }

  private void release() {
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
