package io.cacheman.reliability.proxy;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection through a {@link FaultProxy}, paired with its own connection to the
 * node. Its toxics can be changed while it runs; a change takes effect from the next chunk.
 *
 * <h2>Threads and lifecycle</h2>
 * Four daemon threads (a reader and a writer per direction) that end when the connection closes.
 * An end of stream from one side is passed on as a half-close to the other; when both sides have
 * ended, or on any I/O error, both sockets close. Thread-safe.
 */
public final class ProxyConnection {
  private static final Logger log = LoggerFactory.getLogger(ProxyConnection.class);

  private final long id;
  private final Socket client;
  private final Socket node;
  private final ScheduledExecutorService timers;
  private final Runnable onClosed;
  private final Pump upstream;
  private final Pump downstream;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile ToxicList upstreamToxics;
  private volatile ToxicList downstreamToxics;
  private volatile ScheduledFuture<?> pendingReset;
  private int halfClosed;

  ProxyConnection(long id, Socket client, Socket node, String name, ScheduledExecutorService timers,
      ToxicList upstreamToxics, ToxicList downstreamToxics, Runnable onClosed) throws IOException {
    this.id = id;
    this.client = client;
    this.node = node;
    this.timers = timers;
    this.onClosed = onClosed;
    this.upstreamToxics = upstreamToxics;
    this.downstreamToxics = downstreamToxics;
    this.upstream = new Pump(this, Direction.UPSTREAM, client.getInputStream(), node.getOutputStream(), name + "-up");
    this.downstream = new Pump(this, Direction.DOWNSTREAM, node.getInputStream(), client.getOutputStream(),
        name + "-down");
  }

  void start() {
    upstream.start();
    downstream.start();
    armReset();
  }

  /** The connection's number, counting from 1 in accept order. */
  public long id() {
    return id;
  }

  /** Replaces the toxics of one direction of this connection. */
  public void toxics(Direction direction, List<Toxic> toxics) {
    ToxicList list = new ToxicList(toxics);
    if (direction == Direction.UPSTREAM) {
      upstreamToxics = list;
    } else {
      downstreamToxics = list;
    }
    armReset();
  }

  /** Removes every toxic of this connection. */
  public void clear() {
    toxics(Direction.UPSTREAM, List.of());
    toxics(Direction.DOWNSTREAM, List.of());
  }

  /** Bytes forwarded so far in {@code direction}. */
  public long forwarded(Direction direction) {
    return (direction == Direction.UPSTREAM ? upstream : downstream).forwarded();
  }

  /** True until the connection has closed. */
  public boolean isOpen() {
    return !closed.get();
  }

  /** Resets both sides now: each peer sees a TCP RST (connection reset by peer). */
  public void reset() {
    cut(true);
  }

  /** Closes both sides in an orderly way (FIN). */
  public void close() {
    cut(false);
  }

  ToxicList toxics(Direction direction) {
    return direction == Direction.UPSTREAM ? upstreamToxics : downstreamToxics;
  }

  /** Ends the connection: with RST on both sockets when {@code reset}, else with a normal close. */
  void cut(boolean reset) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (reset) {
      lingerZero(client);
      lingerZero(node);
    }
    closeQuietly(client);
    closeQuietly(node);
    upstream.stop();
    downstream.stop();
    ScheduledFuture<?> reset0 = pendingReset;
    if (reset0 != null) {
      reset0.cancel(false);
    }
    onClosed.run();
  }

  /** An I/O error on either side ends the whole connection. */
  void abort(String why) {
    if (isOpen()) {
      log.debug("proxy connection {} ends: {}", id, why);
    }
    cut(false);
  }

  /** The source of {@code direction} has ended: pass the end on, and close when both have. */
  void halfClose(Direction direction) {
    Socket target = direction == Direction.UPSTREAM ? node : client;
    boolean both;
    synchronized (this) {
      both = ++halfClosed == 2;
    }
    if (both) {
      cut(false);
      return;
    }
    try {
      target.shutdownOutput();
    } catch (IOException e) {
      abort("half-close " + direction + ": " + e.getMessage());
    }
  }

  void awaitThreads(long millis) throws InterruptedException {
    upstream.join(millis);
    downstream.join(millis);
  }

  private void armReset() {
    Toxic.ResetPeer up = upstreamToxics.find(Toxic.ResetPeer.class);
    Toxic.ResetPeer down = downstreamToxics.find(Toxic.ResetPeer.class);
    Toxic.ResetPeer reset = up != null ? up : down;
    ScheduledFuture<?> previous = pendingReset;
    if (previous != null) {
      previous.cancel(false);
    }
    if (reset == null || closed.get()) {
      pendingReset = null;
      return;
    }
    try {
      pendingReset = timers.schedule(this::reset, reset.after().toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      cut(true); // the proxy is closing: reset now rather than never
    }
  }

  private static void lingerZero(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
    } catch (SocketException e) {
      log.debug("cannot set SO_LINGER 0 (the socket is already closed): {}", e.getMessage());
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      log.debug("closing a proxied socket: {}", e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "ProxyConnection#" + id + "{up=" + upstreamToxics + ", down=" + downstreamToxics
        + (isOpen() ? "" : ", closed") + "}";
  }
}
