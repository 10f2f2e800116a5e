package io.cacheman.internal.connection;

import io.cacheman.CacheProtocolException;
import io.cacheman.internal.protocol.ProtocolException;
import io.cacheman.internal.protocol.ReplyReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicReference;
import okio.Buffer;

/**
 * One pipelined connection to a node, shared by every thread that sends to it.
 *
 * <p><b>Write path.</b> {@link #submit} admits a request under the in-flight bound ({@link InFlightLimit})
 * and hands it to the {@link BatchWriter}; requests enter the {@link InFlightQueue} in the order their bytes
 * go out. <b>Read path.</b> Whoever holds the {@link ReadRole} (the {@link EventLoop}, or a blocking caller
 * whose request is alone here) lets the oldest request decode what arrived. Replies match requests by order
 * alone, so a reply that does not parse, bytes no request waits for, or a reply that leaves the stream in
 * doubt closes the connection and fails all that is pending: a value never reaches the wrong request. A
 * request past its deadline fails alone and its late reply is dropped ({@link Expiry}).
 *
 * <p><b>Lifecycle.</b> CONNECTING (requests queue) → OPEN → CLOSED (by any thread; never reopened).
 */
public final class NodeConnection {
  /** Outcome of {@link #submit}: only an accepted request is the connection's to end. */
  public enum Admission { ACCEPTED, OVERLOADED, CLOSED }

  private static final int CONNECTING = 0;
  private static final int OPEN = 1;
  private static final int CLOSED = 2;

  private final String node;
  private final EventLoop loop;
  private final ConnectionListener listener;
  private final InFlightLimit limit;
  private final boolean firstOfItsSlot;
  private final Expiry expiry;
  private final InFlightQueue inFlight;
  private final BatchWriter writer;
  private final ReadRole readRole;
  private final ReplyReader reader;
  private final AtomicReference<CloseReason> closeReason = new AtomicReference<>();
  private Session session;
  private volatile int state = CONNECTING;
  private SocketChannel channel; // set, with the session, under this lock before the connection turns OPEN
  private SelectionKey key;
  private boolean replied;
  private boolean told; // the pool heard of the close; I/O thread only

  /** @param firstOfItsSlot whether this is the first connection of its pool slot (the client is starting) */
  NodeConnection(String node, EventLoop loop, ConnectionPool.Settings settings, boolean firstOfItsSlot,
      ConnectionListener listener, InFlightRoom room) {
    this.node = node;
    this.limit = new InFlightLimit(settings.maxInFlight(), room, this, loop.withRequests);
    this.loop = loop;
    this.firstOfItsSlot = firstOfItsSlot;
    this.listener = listener;
    this.reader = new ReplyReader(new Buffer(), settings.maxValueSize());
    this.inFlight = new InFlightQueue(settings.maxInFlight());
    this.writer = new BatchWriter(this, loop, inFlight, settings.sharing(), settings.stallLimit().toNanos());
    this.readRole = new ReadRole(this, loop);
    this.expiry = new Expiry(this, node, inFlight, writer, settings.stallLimit().toNanos(), loop.clock());
  }

  /** Requests submitted and not yet answered or failed. */
  public int inFlight() {
    return limit.taken();
  }

  long inFlightBytes() {
    return (long) inFlight() * writer.weight.bytesPerRequest();
  }

  /** True once connected and registered, until closed (for good: a pool replaces closed connections). */
  public boolean isOpen() {
    return state == OPEN;
  }

  public boolean isClosed() {
    return state == CLOSED;
  }

  boolean isConnecting() {
    return state == CONNECTING;
  }

  /** True while the first connection of its slot is being opened: the client (or the node) is new. */
  public boolean isColdStart() {
    return firstOfItsSlot && state == CONNECTING;
  }

  boolean isStalled() {
    return expiry.stalled();
  }

  /** Its in-flight slots: a slot taken here is for {@link #submitTaken}. */
  InFlightLimit slots() {
    return limit;
  }

  /** Replaced after a stall: takes no new requests from its pool, closes once nothing is pending. */
  void retire() {
    loop.execute(expiry::retire);
  }

  /** Takes {@code request} and sends it as soon as it can; never blocks. Accepted, it is ended exactly once. */
  public Admission submit(Request request) {
    return state == CLOSED ? Admission.CLOSED : limit.tryTake() ? submitTaken(request) : Admission.OVERLOADED;
  }

  /** As {@link #submit}, with the request's in-flight slot already taken (handed over by the pool). */
  public Admission submitTaken(Request request) {
    if (state == CLOSED) {
      limit.release(1);
      return Admission.CLOSED;
    }
    loop.pending(this, request.deadlineNanos());
    readRole.submitted(request);
    writer.submit(request);
    return Admission.ACCEPTED;
  }

  /** Who reads its replies; a blocking caller may {@link ReadRole#lead}. */
  public ReadRole readRole() {
    return readRole;
  }

  /** Closes the connection on the client's own account (no failure of the node); idempotent, any thread. */
  public void closeByClient(String why) {
    close(CloseReason.quiet(why));
  }

  /** Connector thread: the socket is connected (and secured); false if this connection was closed meanwhile. */
  synchronized boolean attach(SocketChannel connected, Session established) {
    channel = connected; // closed meanwhile: the connector closes it, and nothing else reads it
    session = established;
    return state != CLOSED;
  }

  /** I/O thread: the channel is registered; flush what queued while connecting. */
  void onRegistered(SelectionKey selectionKey) {
    synchronized (this) {
      if (state == CLOSED) {
        return;
      }
      key = selectionKey;
      state = OPEN;
    }
    readRole.registered(selectionKey);
    listener.onOpen(this);
    writer.opened();
    limit.offerFreeSlots(); // to blocking callers in line for a slot of this node
  }

  void onReadable(ByteBuffer scratch) {
    if (readRole.loopBegins()) {
      try {
        readAvailable(scratch);
      } finally {
        readRole.loopDone();
      }
    }
  }

  /** The read role's holder: reads and decodes whatever arrived, then flushes queued writes. */
  void readAvailable(ByteBuffer scratch) {
    try {
      while (true) {
        scratch.clear();
        int n = session.transport().read(scratch);
        if (n < 0) {
          close(CloseReason.endOfStream(!replied && firstOfItsSlot));
          return;
        }
        if (n == 0) {
          return;
        }
        scratch.flip();
        do { // a part at a time, so a block opened by one part takes the next straight in (ReplyReader#append)
          reader.append(scratch);
          decodeReplies();
        } while (scratch.hasRemaining() && state != CLOSED);
        writer.flushQueued(n);
        if (n < scratch.capacity() || state == CLOSED) {
          return;
        }
      }
    } catch (ProtocolException e) {
      Request culprit = inFlight.poll();
      if (culprit != null) {
        limit.release(culprit.count());
        culprit.onFailure(new CacheProtocolException(culprit.name() + " on " + node + ": " + e.getMessage(), e));
      }
      close(CloseReason.error("connection dropped after a protocol error: " + e.getMessage(), e));
    } catch (IOException e) {
      close(CloseReason.broken(e, node, !replied && firstOfItsSlot));
    } catch (RuntimeException e) {
      // A bug, not the server's doing; the FIFO may be out of step now, so start afresh.
      close(CloseReason.error("connection dropped after an internal error: " + e, e));
      throw e;
    }
  }

  void onWritable() {
    writer.onWritable(key);
  }

  /** I/O thread: see {@link BatchWriter#flushIfQuiet}. */
  long flushIfQuiet(long now) {
    return writer.flushIfQuiet(now);
  }

  /** I/O thread: see {@link Expiry#expire}. */
  long expire(long now) {
    return state == CLOSED ? EventLoop.NEVER : expiry.expire(now, listener);
  }

  Session session() {
    return session;
  }

  SelectionKey key() {
    return key;
  }

  private void decodeReplies() throws ProtocolException {
    Request request;
    while ((request = inFlight.peek()) != null) {
      if (!request.readReply(reader)) {
        return;
      }
      inFlight.poll();
      limit.release(request.count());
      boolean inDoubt = request.replyLeavesStreamInDoubt();
      if (!request.settled()) {
        request.onReply(); // else it was failed at its deadline: its late reply is dropped
      }
      expiry.replyTaken(); // reads the clock only while stalled: this runs for every reply
      if (!replied) {
        replied = true;
        listener.onFirstReply(this);
      }
      if (inDoubt) {
        close(CloseReason.error("connection dropped: the server's error reply leaves the stream in doubt", null));
        return;
      }
    }
    reader.expectNothingBuffered();
  }

  /** Closes the connection and fails what is pending; idempotent, any thread. */
  void close(CloseReason reason) {
    if (!closeReason.compareAndSet(null, reason)) {
      return;
    }
    closeChannel();
    readRole.wakeReader();
    loop.executeOrRun(this::failPending);
  }

  /**
   * I/O thread, after the close: fails all still pending (written or queued), tells the pool once. Runs again
   * where a request may be stranded (a caller gives the read role back, a write raced the close), not mid-read.
   */
  void failPending() {
    if (readRole.callerHolds()) {
      return; // its hand-back runs this again
    }
    readRole.closeSelector();
    Request request;
    while ((request = inFlight.poll()) != null) {
      fail(request);
    }
    writer.onClosed();
    if (!told) {
      told = true;
      loop.forget(this);
      listener.onClosed(this, closeReason.get());
    }
  }

  void fail(Request request) {
    limit.release(request.count());
    request.onFailure(closeReason.get().failureFor(request, node));
  }

  /** Turns CLOSED and closes the socket, under the lock {@link #attach} and {@link #onRegistered} take. */
  private synchronized void closeChannel() {
    state = CLOSED;
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        listener.onCloseError(this, e); // closing a socket we abandon: nothing else to do with it
      }
    }
  }
}
