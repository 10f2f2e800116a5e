package io.cacheman.internal.connection;

import io.cacheman.internal.time.Clock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One I/O thread and its selector: reads replies for the connections assigned to it, finishes
 * writes that did not fit into the socket, and expires requests past their deadline.
 *
 * <h2>Deadlines without a tick</h2>
 * The loop sleeps in its selector until a reply arrives, a task is handed to it, or
 * {@link #nextCheck} — the earliest deadline it may have to enforce — comes. Only then does it look
 * through its connections for requests past due ({@link NodeConnection#expire}), and through the
 * lines of requests waiting for a slot that it watches ({@link InFlightRoom#expire}), and sets the next
 * check to the earliest deadline still pending. A thread that queues a request due earlier than
 * the planned check moves it forward ({@link #expectBy}) and wakes the loop, which is rare: a new
 * request is due one operation timeout from now, later than any pending one. After the last
 * request it checks once more one timeout later, then sleeps until woken: an idle client's I/O
 * threads do not run at all. While replies are due it wakes at least every
 * {@link BatchWriter#LOOK_AGAIN_NANOS}, and every {@link BatchWriter#QUIET_NANOS} while requests
 * wait to be sent, to send those that wait behind a slow reply.
 *
 * <h2>Threading</h2>
 * Connection state that is not thread-safe is touched only on this thread; other threads hand it
 * work through {@link #execute}.
 */
public final class EventLoop implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventLoop.class);
  /** {@link #nextCheck} when nothing is pending: sleep until woken. */
  static final long NEVER = Long.MIN_VALUE;

  private final Selector selector;
  private final Thread thread;
  private final Clock clock;
  private final long lingerNanos;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  /** Copied on write; read by this thread's deadline checks. */
  private volatile NodeConnection[] connections = new NodeConnection[0];
  /** How many of them hold an in-flight slot, kept by their {@link InFlightLimit}s: no caller walks them. */
  final AtomicInteger withRequests = new AtomicInteger();
  private final List<InFlightRoom> rooms = new ArrayList<>();
  private final BusyConnections busy = new BusyConnections(this);
  private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
  private final AtomicLong nextCheck = new AtomicLong(NEVER);
  private boolean lingered;
  private volatile boolean running = true;

  /**
   * Starts the loop's thread.
   *
   * @param lingerNanos how long after the last pending request the loop checks once more
   *     (the operation timeout: a request sent meanwhile is due no earlier than that)
   */
  public EventLoop(ThreadFactory threads, Clock clock, long lingerNanos) {
    try {
      selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector", e);
    }
    this.clock = clock;
    this.lingerNanos = lingerNanos;
    thread = threads.newThread(this::run);
    thread.start();
  }

  /** True when {@code a} comes before {@code b}, a time or {@link #NEVER}. */
  static boolean before(long a, long b) {
    return b == NEVER || (a != NEVER && a - b < 0);
  }

  private static long earlier(long a, long b) {
    return before(a, b) ? a : b;
  }

  /** Any thread: a request due at {@code deadline} is pending on a connection of this loop. */
  void expectBy(long deadline) {
    while (true) {
      long planned = nextCheck.get();
      if (!before(deadline, planned)) {
        return;
      }
      if (nextCheck.compareAndSet(planned, deadline)) {
        if (!inLoop()) {
          selector.wakeup(); // it may be asleep until the later check, or for good
        }
        return;
      }
    }
  }

  /** Any thread: a request due at {@code deadline} took a slot of {@code connection}, a connection of this loop. */
  void pending(NodeConnection connection, long deadline) {
    busy.join(connection);
    expectBy(deadline);
  }

  /** Any thread: a request waits for this thread to send it on a connection that last read at {@code lastReadNanos}. */
  void lookSoon(long lastReadNanos) {
    busy.lookSoon(lastReadNanos);
  }

  /** Runs {@code task} on this loop's thread, soon. */
  void execute(Runnable task) {
    if (!thread.isAlive()) {
      task.run(); // the loop has stopped (client closed): nothing else touches its connections now
      return;
    }
    tasks.offer(task);
    if (!inLoop()) {
      selector.wakeup();
    }
  }

  /** Runs {@code task} now if called on this loop's thread, else soon on it. */
  void executeOrRun(Runnable task) {
    if (inLoop() || !thread.isAlive()) {
      task.run();
    } else {
      execute(task);
    }
  }

  boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  void wakeup() {
    selector.wakeup();
  }

  Clock clock() {
    return clock;
  }

  /** Puts {@code connection} under this loop's deadline checks (it may still be connecting). */
  void adopt(NodeConnection connection) {
    execute(() -> {
      NodeConnection[] more = Arrays.copyOf(connections, connections.length + 1);
      more[connections.length] = connection;
      connections = more;
    });
  }

  void forget(NodeConnection connection) {
    connections = Arrays.stream(connections).filter(c -> c != connection).toArray(NodeConnection[]::new);
  }

  /**
   * Any thread: true when a connection of this loop other than {@code mine} waits for a reply. The
   * loop then wakes for replies anyway, and reads them in one go: a caller reading its own reply on
   * {@code mine} would only add wake-ups ({@link ReadRole}).
   */
  boolean awaitsOtherReplies(NodeConnection mine) {
    return withRequests.get() > (mine.inFlight() > 0 ? 1 : 0); // one count, not a walk: 200 nodes cost what 1 does
  }

  /** Puts the requests waiting in {@code room} under this loop's deadline checks. */
  void watch(InFlightRoom room) {
    execute(() -> rooms.add(room));
  }

  void unwatch(InFlightRoom room) {
    executeOrRun(() -> rooms.remove(room));
  }

  /** Registers a connected channel for reads; the connection then turns OPEN on this thread. */
  void register(NodeConnection connection, SocketChannel channel) {
    execute(() -> {
      if (connection.isClosed()) {
        return;
      }
      try {
        connection.onRegistered(channel.register(selector, SelectionKey.OP_READ, connection));
      } catch (ClosedChannelException e) {
        connection.close(CloseReason.error("channel closed before it could be registered", e));
      }
    });
  }

  private void run() {
    long look = NEVER; // how soon the writers want another look (BusyConnections)
    while (running) {
      try {
        long check = nextCheck.get();
        long now = clock.nanoTime();
        long wake = check;
        if (look != NEVER && (check == NEVER || check - (now + look) > 0)) {
          wake = now + look; // to send what waits behind a slow reply (BusyConnections)
        }
        long wait = wake - now;
        if (!tasks.isEmpty() || (wake != NEVER && wait <= 0)) {
          selector.selectNow(this::handle);
        } else if (wake == NEVER) {
          selector.select(this::handle);
        } else {
          selector.select(this::handle, Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait + 999_999)));
        }
        runTasks();
        look = busy.look();
        check = nextCheck.get();
        if (check != NEVER && clock.nanoTime() - check >= 0) {
          expireDue(check);
        }
      } catch (Throwable t) { // never let the I/O thread die: every pending request depends on it
        log.error("Cacheman I/O loop caught an unexpected error; continuing", t);
      }
    }
    shutdown();
  }

  /** Expires what is past due and plans the next check: the earliest deadline still pending. */
  private void expireDue(long planned) {
    long now = clock.nanoTime();
    long next = NEVER;
    for (NodeConnection c : connections) {
      next = earlier(c.readRole().endRest(now), next); // a resting read role (ReadRole) goes back to this loop
      next = earlier(c.expire(now), next);
    }
    for (InFlightRoom room : rooms) {
      next = earlier(room.expire(now), next);
    }
    if (next == NEVER) {
      next = lingered ? NEVER : now + lingerNanos;
      lingered = !lingered;
    } else {
      lingered = false;
    }
    if (!nextCheck.compareAndSet(planned, next)) {
      expectBy(next); // a request queued meanwhile moved the check: keep whichever comes first
    }
  }

  private void handle(SelectionKey key) {
    NodeConnection connection = (NodeConnection) key.attachment();
    try {
      if (key.isReadable()) {
        connection.onReadable(readBuffer);
      }
      if (key.isValid() && key.isWritable()) {
        connection.onWritable();
      }
    } catch (CancelledKeyException e) {
      connection.close(CloseReason.error("connection closed", e));
    }
  }

  private void runTasks() {
    Runnable task;
    while ((task = tasks.poll()) != null) {
      task.run();
    }
  }

  private void shutdown() {
    runTasks();
    for (NodeConnection connection : connections) {
      connection.closeByClient("client closed");
    }
    runTasks();
    try {
      selector.close();
    } catch (IOException e) {
      log.debug("closing a selector failed", e);
    }
  }

  /** Closes every connection on this loop (failing what is pending) and stops its thread. */
  @Override
  public void close() {
    running = false;
    selector.wakeup();
    if (!inLoop()) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
