package io.cacheman.internal.connection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One I/O thread and its selector: reads replies for the connections assigned to it, finishes
 * writes that did not fit into the socket, and every tick expires requests past their deadline.
 * Deadlines are checked here rather than with a timer per request, so a request costs no timer
 * task; a timeout is noticed at most one tick late.
 *
 * <h2>Threading</h2>
 * Connection state that is not thread-safe is touched only on this thread; other threads hand it
 * work through {@link #execute}.
 */
public final class EventLoop implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventLoop.class);

  private final Selector selector;
  private final Thread thread;
  private final long tickNanos;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final List<NodeConnection> connections = new ArrayList<>();
  private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
  private volatile boolean running = true;

  /**
   * Starts the loop's thread.
   *
   * @param tick how often deadlines are checked
   */
  public EventLoop(ThreadFactory threads, long tick, TimeUnit unit) {
    try {
      selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector", e);
    }
    tickNanos = unit.toNanos(tick);
    thread = threads.newThread(this::run);
    thread.start();
  }

  /** Runs {@code task} on this loop's thread, soon. */
  void execute(Runnable task) {
    if (!thread.isAlive()) {
      task.run(); // the loop has stopped (client closed): nothing else touches its connections now
      return;
    }
    tasks.offer(task);
    if (Thread.currentThread() != thread) {
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

  /** How often deadlines are checked. */
  long tickNanos() {
    return tickNanos;
  }

  boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  void wakeup() {
    selector.wakeup();
  }

  /** Puts {@code connection} under this loop's deadline checks (it may still be connecting). */
  void adopt(NodeConnection connection) {
    execute(() -> connections.add(connection));
  }

  void forget(NodeConnection connection) {
    connections.remove(connection);
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
        connection.close("channel closed before it could be registered", e);
      }
    });
  }

  private void run() {
    long nextTick = System.nanoTime() + tickNanos;
    long tickMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(tickNanos));
    while (running) {
      try {
        if (tasks.isEmpty()) {
          selector.select(this::handle, tickMillis);
        } else {
          selector.selectNow(this::handle);
        }
        runTasks();
        long now = System.nanoTime();
        if (now - nextTick >= 0) {
          nextTick = now + tickNanos;
          for (int i = connections.size() - 1; i >= 0; i--) {
            connections.get(i).expire(now);
          }
        }
      } catch (Throwable t) { // never let the I/O thread die: every pending request depends on it
        log.error("Cacheman I/O loop caught an unexpected error; continuing", t);
      }
    }
    shutdown();
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
    } catch (java.nio.channels.CancelledKeyException e) {
      connection.close("connection closed", e);
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
    for (NodeConnection connection : new ArrayList<>(connections)) {
      connection.close("client closed", null);
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
