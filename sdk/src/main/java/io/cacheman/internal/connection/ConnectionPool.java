package io.cacheman.internal.connection;

import io.cacheman.config.NodeAddress;
import io.cacheman.config.Protocol;
import io.cacheman.internal.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's fixed set of pipelined connections, shared by all threads, kept connected in the
 * background: opened at start without blocking the caller, and after a drop reopened with
 * exponential backoff and jitter. A connection that stalls (its oldest request overdue) gets no
 * new requests; when every connection has stalled, one is replaced at once by a fresh one, and
 * the stalled one closes once its late replies are in. The pool tells the node's health about
 * failures as events, one per incident. It knows connections, never keys.
 */
public final class ConnectionPool implements ConnectionListener {
  private static final Logger log = LoggerFactory.getLogger(ConnectionPool.class);
  /** In-flight requests on a connection beyond which new requests go to the next one. */
  static final int SPILL_AT = 32;
  /** Bytes a connection's requests in flight may move before new requests go to the next one. */
  static final long SPILL_AT_BYTES = 256 * 1024;

  private final String node;
  private final Settings settings;
  private final EventLoop[] loops;
  private final Connector connector;
  private final Clock clock;
  private final InFlightRoom room;
  private final Runnable onReconnect;
  private final FailureEvents failures;
  private final Backoff backoff;
  private final AtomicReferenceArray<NodeConnection> slots;
  private final List<NodeConnection> replaced = new CopyOnWriteArrayList<>();
  private final int[] attempts;
  private final boolean[] everOpened;
  private final Clock.Cancellable[] reconnects;
  private boolean warned;
  private volatile boolean closed;

  /**
   * Connection settings shared by a client's pools: {@code stallLimit} is how long past its deadline
   * an unanswered request keeps its connection open, {@code maxValueSize} the largest reply block
   * accepted, and a null {@code sharing} sends each request on its own line.
   */
  public record Settings(int connections, int maxInFlight, Duration connectTimeout, Duration minBackoff,
      Duration maxBackoff, Duration stallLimit, int maxValueSize, LineSharing sharing, Security security,
      Protocol protocol) {}

  /**
   * @param loops the event loop of each connection slot ({@code settings.connections()} of them)
   * @param onReconnect called each time a slot is connected again after a drop
   * @param failures told of each incident: a connection broken, refused, or stalled
   */
  public ConnectionPool(NodeAddress address, Settings settings, EventLoop[] loops, Executor connectors, Clock clock,
      Runnable onReconnect, FailureEvents failures) {
    this.node = address.id();
    this.settings = settings;
    this.loops = loops.clone();
    this.connector = new Connector(address, settings.connectTimeout(), settings.security(), settings.protocol(), connectors);
    this.clock = clock;
    this.onReconnect = onReconnect;
    this.failures = failures;
    this.backoff = new Backoff(settings.minBackoff(), settings.maxBackoff());
    int n = settings.connections();
    this.slots = new AtomicReferenceArray<>(n);
    this.attempts = new int[n];
    this.everOpened = new boolean[n];
    this.reconnects = new Clock.Cancellable[n];
    this.room = new InFlightRoom(loops[0]);
    loops[0].watch(room);
  }

  /** Starts connecting every slot in the background; returns at once. */
  public void start() {
    for (int slot = 0; slot < slots.length(); slot++) {
      connect(slot);
    }
  }

  /**
   * A connection to send on: the first open, unstalled one (in slot order) with fewer than
   * {@value #SPILL_AT} requests in flight that move less than {@value #SPILL_AT_BYTES} bytes
   * together ({@link RequestWeight}), else the open one with the fewest, else one still
   * connecting (requests queue on it), else a fresh one in place of a stalled one, else null when
   * every slot is waiting to reconnect.
   *
   * <p>Filling the first connection before spilling to the next makes batches large: more
   * requests share each write, each {@code get} line and each server read, which on a busy host
   * costs much less CPU (on both sides) than spreading a light load thinly.
   */
  public NodeConnection pick() {
    NodeConnection best = null;
    boolean stalled = false;
    for (int slot = 0; slot < slots.length(); slot++) {
      NodeConnection c = slots.get(slot);
      if (c == null || c.isClosed()) {
        continue;
      }
      if (c.isStalled()) {
        stalled = true;
        continue;
      }
      if (c.isOpen() && c.inFlight() < SPILL_AT && c.inFlightBytes() < SPILL_AT_BYTES) {
        return c;
      }
      if (best == null || (c.isOpen() && (!best.isOpen() || c.inFlight() < best.inFlight()))) {
        best = c;
      }
    }
    return best == null && stalled ? replaceStalled() : best;
  }

  /**
   * For a blocking caller that would read its own reply ({@link ReadRole}): the first idle connection past
   * those a lone caller reads, so that a few callers each read their own; else {@link #pickOrConnectNow()}.
   */
  public NodeConnection pickToLead() {
    for (int slot = 0; slot < slots.length(); slot++) {
      NodeConnection c = slots.get(slot);
      if (c != null && c.isOpen() && !c.isStalled() && c.inFlight() == 0) {
        return c;
      }
      if (c == null || c.inFlight() != 1 || !c.readRole().readByACaller()) {
        break;
      }
    }
    return pickOrConnectNow();
  }

  /**
   * Like {@link #pick()}, but when every slot is waiting out its reconnect backoff, starts one
   * connect at once and returns the connection being opened. For callers that know the node is
   * worth it: a probe, or a request to a node in routing. At most one connect per slot is in flight.
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

  /**
   * A blocking caller's {@code request} found every connection full ({@code max-in-flight}): it
   * waits in line and goes out with the next free slot ({@link InFlightRoom}); its caller's deadline
   * still holds. Returns at once.
   */
  public void waitForSlot(Request request) {
    room.join(request);
    // Slots freed before the request joined went back to the count, with nobody to hand them to.
    for (int slot = 0; slot < slots.length() && room.anyoneWaits(); slot++) {
      NodeConnection c = slots.get(slot);
      if (c != null) {
        c.slots().offerFreeSlots();
      }
    }
  }

  /** How many of the node's connections are open. */
  public int openConnections() {
    return (int) inSlots().filter(NodeConnection::isOpen).count();
  }

  /** Requests in flight on this node's connections, those replaced after a stall included. */
  public int inFlight() {
    return Stream.concat(inSlots(), replaced.stream()).mapToInt(NodeConnection::inFlight).sum();
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
    Stream.concat(inSlots(), replaced.stream()).forEach(c -> c.closeByClient("client closed"));
    room.failAll("client closed while it waited for a slot");
    loops[0].unwatch(room);
  }

  /** Puts a fresh connection in the slot of a stalled one; the stalled one waits for its late replies. */
  private synchronized NodeConnection replaceStalled() {
    for (int slot = 0; slot < slots.length() && !closed; slot++) {
      NodeConnection c = slots.get(slot);
      if (c != null && c.isStalled()) {
        replaced.add(c);
        c.retire();
        return connect(slot);
      }
    }
    return null;
  }

  private synchronized NodeConnection connect(int slot) {
    if (closed) {
      return null;
    }
    NodeConnection connection = new NodeConnection(node, loops[slot], settings, !everOpened[slot], this, room);
    slots.set(slot, connection);
    loops[slot].adopt(connection);
    connector.open(connection, loops[slot]);
    return connection;
  }

  @Override
  public synchronized void onOpen(NodeConnection connection) {
    int slot = slotOf(connection);
    if (slot >= 0 && everOpened[slot]) {
      onReconnect.run();
    }
    if (slot >= 0) {
      everOpened[slot] = true;
    }
  }

  @Override
  public synchronized void onFirstReply(NodeConnection connection) {
    int slot = slotOf(connection);
    if (slot >= 0) {
      attempts[slot] = 0; // only an answer proves the node is back: a stopped node's kernel still accepts
    }
    if (warned) {
      log.info("Cacheman reconnected to {}", node);
      warned = false;
    }
  }

  @Override
  public void onStall(NodeConnection connection) {
    failures.failed("no reply within the operation timeout");
  }

  @Override
  public synchronized void onClosed(NodeConnection connection, CloseReason reason) {
    replaced.remove(connection);
    int slot = slotOf(connection);
    if (slot < 0 || closed) {
      return;
    }
    slots.set(slot, null);
    if (reason.nodeFailed()) {
      failures.failed(reason.message());
    }
    if (!warned) {
      log.warn("Cacheman connection to {} lost ({}); reconnecting in the background", node, reason.message());
      warned = true;
    } else {
      log.debug("Cacheman connection to {} closed ({})", node, reason.message());
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

  private Stream<NodeConnection> inSlots() {
    return IntStream.range(0, slots.length()).mapToObj(slots::get).filter(Objects::nonNull);
  }

  private int slotOf(NodeConnection connection) {
    for (int slot = 0; slot < slots.length(); slot++) {
      if (slots.get(slot) == connection) {
        return slot;
      }
    }
    return -1;
  }
}
