package io.cacheman.internal.connection;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The connections of one {@link EventLoop} with work (a request holds one of their in-flight slots,
 * queued or awaiting its reply), and the loop's look at them after each wake-up: each sends what waits
 * behind a slow reply ({@link BatchWriter#flushIfQuiet}) and says when to look again.
 *
 * <h2>Why a list</h2>
 * In a wide cluster nearly every connection is idle at any moment, and each request is a wake-up of
 * the loop: a look at every connection on each one made the I/O thread's cost per request grow with
 * the node count (9% of its time at 200 nodes). A connection joins when a request takes a slot on it
 * ({@link #join}, any thread) and leaves when the look finds it idle ({@link InFlightLimit#unlistIfIdle}).
 *
 * <h2>Looks while the loop sleeps</h2>
 * A caller writes its request itself on a nearly idle connection, so the loop may sleep with no look
 * planned while replies are due. A request left queued behind them ({@link #lookSoon}) wakes it then,
 * unless the connection read a reply within the last millisecond; otherwise it would wait for a reply
 * that may be slow, or for the next deadline check. (So a request queued within a millisecond of a
 * reply, on a connection that had just gone idle, waits for the replies ahead of it.)
 */
final class BusyConnections {
  private final EventLoop loop;
  private final ConcurrentLinkedQueue<NodeConnection> joined = new ConcurrentLinkedQueue<>();
  private final List<NodeConnection> listed = new ArrayList<>(); // the loop's thread only
  /** False while the loop may sleep with no look planned. */
  private volatile boolean looking;

  BusyConnections(EventLoop loop) {
    this.loop = loop;
  }

  /** Any thread, once a request holds a slot of {@code connection}. */
  void join(NodeConnection connection) {
    if (connection.slots().list()) {
      joined.offer(connection);
    }
  }

  /**
   * Any thread: a request waits on a listed connection for the loop to send it, and that connection
   * last read a reply at {@code lastReadNanos}. Wakes the loop if it sleeps with no look planned and
   * no reply came for {@link BatchWriter#QUIET_NANOS}. Within that the loop has just read, and goes on
   * reading the replies of the requests written ahead of this one: waking it for every such burst of an
   * async caller cost about one wake-up per 60 requests, for nothing while replies keep coming.
   */
  void lookSoon(long lastReadNanos) {
    if (!looking && !loop.inLoop() && loop.clock().nanoTime() - lastReadNanos > BatchWriter.QUIET_NANOS) {
      loop.wakeup();
    }
  }

  /**
   * Loop thread: looks at each busy connection, and returns how soon to look again, or
   * {@link EventLoop#NEVER}. Before the loop sleeps with no look planned it says so, then looks once
   * more: a request left queued meanwhile either sees that and wakes the loop, or is seen here.
   */
  long look() {
    long soonest = lookAtEach(loop.clock().nanoTime());
    if (soonest == EventLoop.NEVER && looking) {
      looking = false;
      soonest = lookAtEach(loop.clock().nanoTime());
    }
    if (soonest != EventLoop.NEVER && !looking) {
      looking = true;
    }
    return soonest;
  }

  private long lookAtEach(long now) {
    for (NodeConnection c; (c = joined.poll()) != null; ) {
      listed.add(c);
    }
    long soonest = EventLoop.NEVER;
    for (int i = listed.size() - 1; i >= 0; i--) {
      NodeConnection c = listed.get(i);
      long within = c.flushIfQuiet(now);
      if (within != EventLoop.NEVER) {
        soonest = soonest == EventLoop.NEVER ? within : Math.min(soonest, within);
      } else if (c.slots().unlistIfIdle()) {
        NodeConnection last = listed.remove(listed.size() - 1); // order does not matter here
        if (i < listed.size()) {
          listed.set(i, last);
        }
      }
    }
    return soonest;
  }
}
