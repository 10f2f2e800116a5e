package io.cacheman.internal.connection;

import io.cacheman.CacheConnectionException;
import io.cacheman.config.NodeAddress;
import io.cacheman.internal.time.Clock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's fixed set of pipelined connections, shared by all threads, kept connected in the
 * background: opened at start without blocking the caller, and after a drop reopened with
 * exponential backoff and jitter. The pool knows connections and their health, never keys.
 *
 * <p>The host name is resolved again at each connect, so a node that moves to a new address is
 * found on the next reconnect.
 */
public final class ConnectionPool implements ConnectionListener {
  private static final Logger log = LoggerFactory.getLogger(ConnectionPool.class);
  /** In-flight requests on a connection beyond which new requests go to the next one. */
  static final int SPILL_AT = 32;

  private final NodeAddress address;
  private final String node;
  private final Settings settings;
  private final EventLoop[] loops;
  private final Executor connector;
  private final Clock clock;
  private final LineSharing sharing;
  private final Runnable onReconnect;
  private final Backoff backoff;
  private final AtomicReferenceArray<NodeConnection> slots;
  private final int[] attempts;
  private final boolean[] everOpened;
  private final Clock.Cancellable[] reconnects;
  private boolean warned;
  private volatile boolean closed;

  /** Connection settings shared by a client's pools; a null {@code sharing} sends each request on its own line. */
  public record Settings(int connections, int maxInFlight, Duration connectTimeout, Duration minBackoff,
      Duration maxBackoff, LineSharing sharing) {}

  /**
   * @param loops the event loop of each connection slot ({@code settings.connections()} of them)
   * @param onReconnect called each time a slot is connected again after a drop
   */
  public ConnectionPool(NodeAddress address, Settings settings, EventLoop[] loops, Executor connector, Clock clock,
      Runnable onReconnect) {
    this.address = address;
    this.node = address.id();
    this.settings = settings;
    this.loops = loops.clone();
    this.connector = connector;
    this.clock = clock;
    this.sharing = settings.sharing();
    this.onReconnect = onReconnect;
    this.backoff = new Backoff(settings.minBackoff(), settings.maxBackoff());
    int n = settings.connections();
    this.slots = new AtomicReferenceArray<>(n);
    this.attempts = new int[n];
    this.everOpened = new boolean[n];
    this.reconnects = new Clock.Cancellable[n];
  }

  /** Starts connecting every slot in the background; returns at once. */
  public void start() {
    for (int slot = 0; slot < slots.length(); slot++) {
      connect(slot);
    }
  }

  /**
   * A connection to send on: the first open one (in slot order) with fewer than
   * {@value #SPILL_AT} requests in flight, else the open one with the fewest, else one still
   * connecting (requests queue on it), else null when every slot is waiting to reconnect.
   *
   * <p>Filling the first connection before spilling to the next makes batches large: more
   * requests share each write, each {@code get} line and each server read, which on a busy host
   * costs much less CPU (on both sides) than spreading a light load thinly. Heavier load spills
   * over and uses every connection.
   */
  public NodeConnection pick() {
    NodeConnection best = null;
    for (int slot = 0; slot < slots.length(); slot++) {
      NodeConnection c = slots.get(slot);
      if (c == null || c.isClosed()) {
        continue;
      }
      if (c.isOpen() && c.inFlight() < SPILL_AT) {
        return c;
      }
      if (best == null || (c.isOpen() && (!best.isOpen() || c.inFlight() < best.inFlight()))) {
        best = c;
      }
    }
    return best;
  }

  /**
   * Like {@link #pick()}, but when every slot is waiting out its reconnect backoff, starts one
   * connect at once and returns the connection being opened (requests queue on it). For callers
   * that know the node is worth it: a probe, or a request to a node whose breaker is closed. At
   * most one connect per slot is in flight, and the breaker stops the requests if it keeps failing.
   */
  public NodeConnection pickOrConnectNow() {
    NodeConnection c = pick();
    if (c != null) {
      return c;
    }
    synchronized (this) {
      for (int slot = 0; slot < slots.length(); slot++) {
        if (slots.get(slot) == null && reconnects[slot] != null && reconnects[slot].cancel()) {
          reconnects[slot] = null;
          connect(slot);
          break;
        }
      }
    }
    return pick();
  }

  public int inFlight() {
    int sum = 0;
    for (int slot = 0; slot < slots.length(); slot++) {
      NodeConnection c = slots.get(slot);
      sum += c == null ? 0 : c.inFlight();
    }
    return sum;
  }

  /** Closes every connection, failing what is pending; stops reconnecting. */
  public void close() {
    synchronized (this) {
      closed = true;
      for (Clock.Cancellable reconnect : reconnects) {
        if (reconnect != null) {
          reconnect.cancel();
        }
      }
    }
    for (int slot = 0; slot < slots.length(); slot++) {
      NodeConnection c = slots.get(slot);
      if (c != null) {
        c.close("client closed", null);
      }
    }
  }

  private synchronized void connect(int slot) {
    if (closed) {
      return;
    }
    NodeConnection connection = new NodeConnection(node, loops[slot], settings.maxInFlight(), sharing, this);
    slots.set(slot, connection);
    loops[slot].adopt(connection);
    try {
      connector.execute(() -> open(slot, connection));
    } catch (RejectedExecutionException e) {
      connection.close("client closed", e);
    }
  }

  /** Connector thread: a blocking connect bounded by the connect timeout. */
  private void open(int slot, NodeConnection connection) {
    SocketChannel channel = null;
    try {
      InetSocketAddress target = new InetSocketAddress(address.host(), address.port());
      if (target.isUnresolved()) {
        throw new UnknownHostException("cannot resolve " + address.host());
      }
      channel = SocketChannel.open();
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
      channel.socket().connect(target, (int) Math.max(1, settings.connectTimeout().toMillis()));
      channel.configureBlocking(false);
      if (connection.attach(channel)) {
        loops[slot].register(connection, channel);
        channel = null;
      }
    } catch (IOException | RuntimeException e) {
      connection.close("cannot connect: " + e, new CacheConnectionException("cannot connect to " + node, e));
    } finally {
      closeQuietly(channel);
    }
  }

  @Override
  public synchronized void onOpen(NodeConnection connection) {
    int slot = slotOf(connection);
    if (slot < 0) {
      return;
    }
    if (everOpened[slot]) {
      onReconnect.run();
    }
    if (warned) {
      log.info("Cacheman reconnected to {}", node);
      warned = false;
    }
    everOpened[slot] = true;
  }

  @Override
  public synchronized void onFirstReply(NodeConnection connection) {
    int slot = slotOf(connection);
    if (slot >= 0) {
      attempts[slot] = 0; // only a connection that answered proves the node is back
    }
  }

  @Override
  public synchronized void onClosed(NodeConnection connection, String why) {
    int slot = slotOf(connection);
    if (slot < 0) {
      return;
    }
    slots.set(slot, null);
    if (closed) {
      return;
    }
    if (!warned) {
      log.warn("Cacheman connection to {} lost ({}); reconnecting in the background", node, why);
      warned = true;
    } else {
      log.debug("Cacheman connection to {} closed ({})", node, why);
    }
    long delay = backoff.delayNanos(attempts[slot]++, ThreadLocalRandom.current().nextDouble());
    try {
      reconnects[slot] = clock.schedule(() -> connect(slot), delay);
    } catch (RejectedExecutionException e) {
      log.debug("not reconnecting to {}: the client is closing", node);
    }
  }

  @Override
  public void onCloseError(NodeConnection connection, Exception error) {
    log.debug("closing a connection to {} failed", node, error);
  }

  private int slotOf(NodeConnection connection) {
    for (int slot = 0; slot < slots.length(); slot++) {
      if (slots.get(slot) == connection) {
        return slot;
      }
    }
    return -1;
  }

  private static void closeQuietly(SocketChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        log.debug("closing an unconnected socket failed", e);
      }
    }
  }
}
