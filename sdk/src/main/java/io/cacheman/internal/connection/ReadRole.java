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
 * Who reads a {@link NodeConnection}'s replies: its {@link EventLoop}, or a blocking caller waiting
 * for the only request in flight on it. The holder is the only consumer of the connection's
 * in-flight FIFO, so one thread decodes at a time and a value never goes to the wrong request.
 *
 * <h2>Why</h2>
 * A caller waiting on the socket itself is woken once, by the kernel, when its reply lands; through
 * the event loop it takes two wake-ups in series (the I/O thread, then the caller it unparks). On a
 * lightly loaded connection those are most of the latency: one blocking thread runs about 1.5x
 * faster this way. But only while the loop has nothing else to read: taking the role costs the loop
 * wake-ups of its own (a stale read event, then the hand-back), which a loop awake for other
 * connections' replies does not save. With 16 callers over 200 nodes, each caller alone on its
 * connection, reading their own replies cost 1.3x the client CPU per request and 2.6x the p99.
 *
 * <h2>How</h2>
 * The loop holds the role unless a caller takes it. A blocking caller about to park {@link #lead leads}
 * instead if its request is the only one in flight, on its connection and on every other connection
 * of the loop, the connection is open and the loop is not reading: it turns the loop's read
 * interest off and waits in the connection's own selector until its deadline, decoding every reply
 * that arrives, in order, for whoever it belongs to; its reply, the close ({@link #wakeReader}), an
 * interrupt or the deadline end the wait. Otherwise it parks and the loop wakes it: handing the role
 * from caller to caller would cost as many wake-ups as it saves.
 *
 * <p>A caller that got its reply and leaves nothing in flight lets the role rest: nobody reads, the
 * loop's read interest stays off, so a caller that keeps leading call after call costs the loop no
 * wake-up at all (giving the role back costs it two: the stale read event of the reply the caller
 * read, then the hand-back). Whoever then puts a request in flight that its own thread will not read
 * (any request but a leading caller's, {@link Request#readBySender}) {@link #ensureReader hands the role
 * back} first: read interest on, loop woken. So does a caller that cannot lead after all, or ends its wait
 * without leading; and the loop, at a deadline check, once the role has rested {@link #REST_NANOS}
 * (at most {@link #REST_SLACK_NANOS} later), or at once if a request sits on it: while nobody reads,
 * nobody sees the node close the connection, so a caller that stops calling must not leave it
 * unwatched. On close,
 * failing what is pending waits for a reading caller to give the role back ({@link NodeConnection#failPending}).
 */
public final class ReadRole {
  /** A caller waiting for its outcome. */
  public interface Waiter {
    /** True once the caller's op has its outcome. */
    boolean answered();
  }

  /** What {@link #lead} did: read until the wait ended, or nothing (park until woken or the deadline). */
  public enum Lead { READ, PARK }

  private static final Logger log = LoggerFactory.getLogger(ReadRole.class);
  /**
   * How long the role may rest before the loop takes it back: nobody sees a close by the node meanwhile.
   * Longer than a lone caller takes to come back to a connection in a wide cluster (one thread over 200
   * nodes calls each every 25 ms): taken back sooner, its next call costs the loop a stale read event.
   */
  static final long REST_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  /** How much later than that it may go back: in a wide cluster rests end all the time; one look each 25 ms does. */
  static final long REST_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

  /** NOBODY: the role rests after a caller's read, the loop's read interest off (see above). */
  private enum Holder { LOOP, LOOP_READING, CALLER, NOBODY }

  private final NodeConnection connection;
  private final EventLoop loop;
  // Changed under this lock; volatile for the lock-free looks of submitters and the pool (a Dekker
  // pair with release: it rests, then reads the in-flight count; a submitter takes a slot, then looks).
  private volatile Holder holder = Holder.LOOP;
  private volatile long restSince; // written before holder turns NOBODY
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

  /** I/O thread: true while a caller holds the role (its hand-back finishes a close). */
  boolean callerHolds() {
    return holder == Holder.CALLER;
  }

  /** Any thread: true while a caller reads, or the role rests (a caller that will read may have just sent). */
  boolean readByACaller() {
    Holder h = holder;
    return h == Holder.CALLER || h == Holder.NOBODY;
  }

  /**
   * Caller thread: reads replies until {@code waiter} has its outcome, {@code until} passes (a
   * {@link io.cacheman.internal.time.Clock#nanoTime()}), the thread is interrupted or the
   * connection closes, if the caller may hold the role now.
   */
  public Lead lead(Waiter waiter, long until) {
    if (!acquire()) {
      ensureReader(); // this caller parks: a resting role has to go back to the loop
      return Lead.PARK;
    }
    try {
      while (!waiter.answered() && !connection.isClosed() && !Thread.currentThread().isInterrupted()) {
        long left = until - loop.clock().nanoTime();
        if (left <= 0) {
          break;
        }
        if (selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left + 999_999))) > 0) {
          selector.selectedKeys().clear();
          connection.readAvailable(scratch);
        }
      }
    } catch (ClosedChannelException e) {
      log.trace("reading connection closed under a caller", e); // the close fails what is pending
    } catch (IOException e) {
      connection.close(CloseReason.error("waiting for replies failed: " + e.getMessage(), e));
    } finally {
      release(waiter.answered());
    }
    return Lead.READ;
  }

  /** Any thread, {@code request} having taken a slot here: see {@link #ensureReader}. */
  void submitted(Request request) {
    if (!request.readBySender()) {
      ensureReader();
    }
  }

  /**
   * Any thread that has put a request in flight here (its slot taken) and will not read its reply
   * itself, or has given up reading it: if the role rests, the loop reads again.
   */
  public void ensureReader() {
    if (holder == Holder.NOBODY && connection.inFlight() > 0) {
      handBack();
    }
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
    if (connection.isClosed() || connection.inFlight() != 1 || loopKey == null
        || (holder != Holder.LOOP && holder != Holder.NOBODY) || loop.awaitsOtherReplies(connection)) {
      return false;
    }
    if (holder == Holder.NOBODY) {
      holder = Holder.CALLER; // the loop's read interest is off already
      return true;
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
      return false;
    }
    holder = Holder.CALLER;
    return true;
  }

  /** Ends a caller's read: the role rests if the caller got its reply and nothing else is in flight. */
  private void release(boolean answered) {
    synchronized (this) {
      if (answered && !connection.isClosed()) {
        long now = loop.clock().nanoTime();
        restSince = now;
        holder = Holder.NOBODY;
        if (connection.inFlight() == 0) { // read after resting is set: a submitter that missed it is seen here
          loop.expectBy(now + REST_NANOS); // wakes the loop only if it has no check that soon
          return;
        }
      }
      toLoop();
    }
    loop.wakeup(); // its selector picks the read interest up on its next select
    if (connection.isClosed()) {
      loop.execute(connection::failPending);
    }
  }

  /**
   * I/O thread, at a deadline check: a role that has rested {@link #REST_NANOS}, or rests with a request
   * in flight (a backstop: its sender hands it back), goes back to the loop.
   *
   * @return when a role still resting is due back, or {@link EventLoop#NEVER}
   */
  long endRest(long now) {
    if (holder != Holder.NOBODY) {
      return EventLoop.NEVER;
    }
    long due = restSince + REST_NANOS;
    if (now - due < 0 && connection.inFlight() == 0) { // a caller may take it meanwhile: the next check sees
      return due - (now + REST_SLACK_NANOS) < 0 ? now + REST_SLACK_NANOS : due;
    }
    handBack();
    return EventLoop.NEVER;
  }

  /** From a resting role only: never from a caller reading (its stale lock-free look is checked here). */
  private void handBack() {
    synchronized (this) {
      if (holder != Holder.NOBODY) {
        return;
      }
      toLoop();
    }
    if (!loop.inLoop()) {
      loop.wakeup();
    }
  }

  private void toLoop() {
    holder = Holder.LOOP;
    try {
      loopKey.interestOpsOr(SelectionKey.OP_READ);
    } catch (CancelledKeyException e) {
      log.trace("connection closed while a caller read it", e); // the close fails the rest
    }
  }
}
