package io.cacheman.internal.connection;

import io.cacheman.CacheConnectionException;
import io.cacheman.CacheProtocolException;
import io.cacheman.CacheTimeoutException;
import io.cacheman.CachemanException;
import io.cacheman.internal.protocol.ProtocolException;
import io.cacheman.internal.protocol.ReplyReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import okio.Buffer;

/**
 * One pipelined connection to a node, shared by every thread that sends to it.
 *
 * <h2>Write path: no hand-off to another thread</h2>
 * {@link #submit} puts the request on a lock-free queue and then tries to take the flush role.
 * The thread that gets it moves every queued request into the {@link InFlightQueue} and encodes
 * it into one buffer, then writes that buffer with one non-blocking write: under load, one
 * syscall carries the requests of many threads, and nobody waits for a lock held across I/O. If
 * the socket is full, the role passes to the I/O thread, which finishes the write when the socket
 * drains; callers never block on a slow node.
 *
 * <h2>Read path</h2>
 * The {@link EventLoop} thread reads whatever arrived and lets the oldest in-flight request decode
 * it. Replies are matched to requests by order alone, so any reply that does not parse, bytes
 * with no request waiting, or a reply that leaves the stream in doubt closes the connection and
 * fails everything pending on it.
 *
 * <h2>Deadlines</h2>
 * The event loop calls {@link #expire} every tick. A request past its deadline closes the whole
 * connection (its late reply could otherwise be taken for the next request's): expired requests
 * fail with {@link CacheTimeoutException}, the rest with {@link CacheConnectionException}.
 *
 * <h2>Lifecycle</h2>
 * CONNECTING (requests queue) → OPEN → CLOSED; a closed connection is never reopened, the
 * {@link ConnectionPool} makes a new one.
 */
public final class NodeConnection {
  /** Outcome of {@link #submit}. */
  public enum Admission { ACCEPTED, OVERLOADED, CLOSED }

  private static final int CONNECTING = 0;
  private static final int OPEN = 1;
  private static final int CLOSED = 2;
  /** Flush rounds a caller thread does for others before leaving the rest to the I/O thread. */
  private static final int CALLER_FLUSH_ROUNDS = 4;
  /** Flush rounds the I/O thread does before reading again (it comes back to flush the rest). */
  private static final int LOOP_FLUSH_ROUNDS = 16;
  private static final int WRITTEN = 0;
  private static final int NOT_CONNECTED = 1;
  private static final int HANDED_OFF = 2;

  private final String node;
  private final EventLoop loop;
  private final ConnectionListener listener;
  private final int maxInFlight;
  private final AtomicInteger pending = new AtomicInteger();
  private final ConcurrentLinkedQueue<Request> submitted = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean flushing = new AtomicBoolean();
  private final InFlightQueue inFlight;
  private final Buffer out = new Buffer();
  private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(32 * 1024).flip();
  private final Buffer in = new Buffer();
  private final ReplyReader reader = new ReplyReader(in);
  private final AtomicReference<CloseReason> closeReason = new AtomicReference<>();
  private volatile int state = CONNECTING;
  private SocketChannel channel; // guarded by this until OPEN, then read-only
  private SelectionKey key;
  private volatile boolean writeArmed;
  private boolean replied;

  NodeConnection(String node, EventLoop loop, int maxInFlight, ConnectionListener listener) {
    this.node = node;
    this.loop = loop;
    this.maxInFlight = maxInFlight;
    this.listener = listener;
    this.inFlight = new InFlightQueue(maxInFlight);
  }

  /** The node's {@code host:port}. */
  public String node() {
    return node;
  }

  /** Requests submitted and not yet answered or failed. */
  public int inFlight() {
    return pending.get();
  }

  public boolean isOpen() {
    return state == OPEN;
  }

  public boolean isClosed() {
    return state == CLOSED;
  }

  /**
   * Queues {@code request} and flushes if no other thread is flushing. Never blocks.
   *
   * @return {@link Admission#ACCEPTED} when the connection now owns the request (it will end it
   *     exactly once); otherwise the request was not taken and nothing was sent
   */
  public Admission submit(Request request) {
    if (state == CLOSED) {
      return Admission.CLOSED;
    }
    if (pending.incrementAndGet() > maxInFlight) {
      pending.decrementAndGet();
      return Admission.OVERLOADED;
    }
    submitted.offer(request);
    if (inFlight.isEmpty()) {
      flush(); // an idle connection: write now, on this thread
    }
    // else replies are due, and the I/O thread flushes what queued meanwhile right after reading
    // them: under load, requests of many threads go out in one write (and memcached answers them
    // with one). The queue offer and the emptiness check are both volatile, so either this thread
    // sees the connection idle, or the I/O thread, which empties the FIFO before it flushes, sees
    // this request.
    return Admission.ACCEPTED;
  }

  /** Closes the connection and fails what is pending on it; idempotent, any thread. */
  public void close(String why, Throwable cause) {
    close(new CloseReason(why, cause, false));
  }


  // ---- called by the pool's connector and the event loop ----

  /** Connector thread: the socket is connected; false if this connection was closed meanwhile. */
  synchronized boolean attach(SocketChannel connected) {
    if (state == CLOSED) {
      return false;
    }
    channel = connected;
    return true;
  }

  /** I/O thread: the channel is registered; start flushing what queued while connecting. */
  void onRegistered(SelectionKey selectionKey) {
    synchronized (this) {
      if (state == CLOSED) {
        return;
      }
      key = selectionKey;
      state = OPEN;
    }
    listener.onOpen(this);
    flush();
  }

  /** I/O thread: bytes (or EOF) are waiting. */
  void onReadable(ByteBuffer scratch) {
    try {
      while (true) {
        scratch.clear();
        int n = channel.read(scratch);
        if (n < 0) {
          close(new CloseReason("connection closed by the server", null, false));
          return;
        }
        if (n == 0) {
          return;
        }
        scratch.flip();
        in.write(scratch);
        decodeReplies();
        if (!submitted.isEmpty()) {
          flush();
        }
        if (n < scratch.capacity() || state == CLOSED) {
          return;
        }
      }
    } catch (ProtocolException e) {
      Request culprit = inFlight.poll();
      if (culprit != null) {
        pending.decrementAndGet();
        culprit.onFailure(new CacheProtocolException(culprit.name() + " on " + node + ": " + e.getMessage(), e));
      }
      close(new CloseReason("connection dropped after a protocol error: " + e.getMessage(), e, false));
    } catch (IOException e) {
      close(new CloseReason("connection broke: " + e.getMessage(), e, false));
    }
  }

  /** I/O thread: the socket can take more bytes; this thread holds the flush role. */
  void onWritable() {
    writeArmed = false;
    key.interestOps(SelectionKey.OP_READ);
    flushHoldingRole(LOOP_FLUSH_ROUNDS);
  }

  /** I/O thread, every tick: closes the connection if a request is past its deadline. */
  void expire(long now) {
    if (state == CLOSED) {
      return;
    }
    Request queued = submitted.peek();
    if (inFlight.firstExpired(now) != null || (queued != null && now - queued.deadlineNanos() >= 0)) {
      // Requests due before the next check count as timed out too: they were sent together.
      close(new CloseReason("an earlier request on this connection timed out", null, now + loop.tickNanos()));
    }
  }

  private void decodeReplies() throws ProtocolException {
    Request request;
    while ((request = inFlight.peek()) != null) {
      if (!request.readReply(reader)) {
        return;
      }
      inFlight.poll();
      pending.decrementAndGet();
      boolean inDoubt = request.replyLeavesStreamInDoubt();
      request.onReply();
      if (!replied) {
        replied = true;
        listener.onFirstReply(this);
      }
      if (inDoubt) {
        close(new CloseReason("connection dropped: the server's error reply leaves the stream in doubt", null, false));
        return;
      }
    }
    if (in.size() > 0) {
      throw new ProtocolException("unexpected bytes with no request waiting: "
          + in.snapshot().substring(0, (int) Math.min(in.size(), 60)).utf8().trim());
    }
  }

  private void flush() {
    if (flushing.compareAndSet(false, true)) {
      flushHoldingRole(loop.inLoop() ? LOOP_FLUSH_ROUNDS : CALLER_FLUSH_ROUNDS);
    }
  }

  /**
   * Flat combining: whoever holds the flush role writes for everyone, and after letting go checks
   * whether more arrived meanwhile (their submitters saw the role taken and left it to us). After
   * a few rounds the rest is left to the I/O thread, so no caller writes for others for long.
   */
  private void flushHoldingRole(int rounds) {
    while (true) {
      int outcome = flushOnce();
      if (outcome == HANDED_OFF) {
        return; // the socket is full: the I/O thread holds the role until it drains
      }
      flushing.set(false);
      boolean more = outcome == NOT_CONNECTED ? state != CONNECTING : !submitted.isEmpty();
      if (!more || !flushing.compareAndSet(false, true)) {
        return;
      }
      if (--rounds == 0) {
        loop.execute(() -> flushHoldingRole(LOOP_FLUSH_ROUNDS));
        return;
      }
    }
  }

  /** Holding the flush role: encodes queued requests and writes them. */
  private int flushOnce() {
    int s = state;
    if (s == CONNECTING) {
      return NOT_CONNECTED; // onRegistered flushes what queued meanwhile
    }
    if (s == CLOSED) {
      failQueued();
      return WRITTEN;
    }
    Request request;
    while ((request = submitted.poll()) != null) {
      inFlight.add(request);
      request.writeTo(out);
    }
    if (state == CLOSED) {
      loop.execute(this::failInFlight); // closed while we added: make sure nothing is stranded
      return WRITTEN;
    }
    try {
      while (true) {
        if (!writeBuffer.hasRemaining()) {
          if (out.size() == 0) {
            return WRITTEN;
          }
          writeBuffer.clear();
          out.read(writeBuffer);
          writeBuffer.flip();
        }
        channel.write(writeBuffer);
        if (writeBuffer.hasRemaining() && state != CLOSED) {
          return armWrite() ? HANDED_OFF : WRITTEN;
        }
      }
    } catch (IOException e) {
      close(new CloseReason("write failed: " + e.getMessage(), e, false));
      return WRITTEN;
    }
  }

  /** Hands the flush role to the I/O thread until the socket drains. */
  private boolean armWrite() {
    writeArmed = true;
    try {
      key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
    } catch (CancelledKeyException e) {
      writeArmed = false; // closed meanwhile; the close fails what is queued
      return false;
    }
    loop.wakeup();
    return true;
  }

  private void close(CloseReason reason) {
    if (!closeReason.compareAndSet(null, reason)) {
      return;
    }
    synchronized (this) {
      state = CLOSED;
    }
    closeChannel();
    loop.executeOrRun(this::finishClose);
  }

  /** I/O thread, once: fails everything pending and tells the pool. */
  private void finishClose() {
    if (writeArmed) {
      // The I/O thread held the flush role for a write that can no longer finish: take it back.
      writeArmed = false;
      flushing.set(false);
    }
    failInFlight();
    failQueued();
    flush(); // a submit racing with the close may have queued after failQueued
    loop.forget(this);
    listener.onClosed(this, closeReason.get().message);
  }

  private void failInFlight() {
    Request request;
    while ((request = inFlight.poll()) != null) {
      pending.decrementAndGet();
      request.onFailure(closeReason.get().failureFor(request, node));
    }
  }

  private void failQueued() {
    Request request;
    while ((request = submitted.poll()) != null) {
      pending.decrementAndGet();
      request.onFailure(closeReason.get().failureFor(request, node));
    }
  }

  private synchronized void closeChannel() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // Closing a socket we are abandoning: nothing left to do with the error but note it.
        listener.onCloseError(this, e);
      }
    }
  }

  @Override
  public String toString() {
    return "NodeConnection{" + node + ", state=" + state + ", inFlight=" + pending.get() + "}";
  }

  /**
   * Why a connection closed, and the failure each pending request gets for it: a timeout for
   * requests due by {@code timeoutHorizon} when the close was caused by one, a connection error
   * otherwise.
   */
  private record CloseReason(String message, Throwable cause, boolean timeout, long timeoutHorizon) {
    CloseReason(String message, Throwable cause, boolean timeout) {
      this(message, cause, false, 0);
    }

    CloseReason(String message, Throwable cause, long timeoutHorizon) {
      this(message, cause, true, timeoutHorizon);
    }

    CachemanException failureFor(Request request, String node) {
      if (timeout && timeoutHorizon - request.deadlineNanos() >= 0) {
        return new CacheTimeoutException(request.name() + " on " + node + " got no reply within the operation timeout");
      }
      return new CacheConnectionException(request.name() + " on " + node + ": " + message, cause);
    }
  }
}
