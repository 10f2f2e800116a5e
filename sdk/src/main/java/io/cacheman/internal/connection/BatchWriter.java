package io.cacheman.internal.connection;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The write side of a {@link NodeConnection}: requests from any number of threads go out in order,
 * batched, without a lock held across I/O and without blocking anyone.
 *
 * <h2>How</h2>
 * A submitted request joins a lock-free queue. Whoever holds the <em>flush role</em> (one atomic
 * flag) moves every queued request into the in-flight FIFO, encodes them into one {@link Outbound}
 * (large values by reference), writes it through a direct buffer with non-blocking writes, then
 * lets go and checks for late arrivals (flat combining). The submitting thread flushes itself when
 * the connection is (nearly) idle: the lowest latency, no hand-off. Otherwise the I/O thread does,
 * right after reading the replies due: under load, the requests of many threads go out in one
 * syscall and memcached answers them with one. When the socket is full the I/O thread holds the
 * role until it drains, so a slow node never blocks a caller.
 */
final class BatchWriter {
  /** Flush rounds a caller thread does for others before leaving the rest to the I/O thread. */
  private static final int CALLER_FLUSH_ROUNDS = 4;
  /** Flush rounds the I/O thread does before reading again (it comes back for the rest). */
  private static final int LOOP_FLUSH_ROUNDS = 16;

  /**
   * A caller writes its request itself while fewer than this many requests await replies on the
   * connection; beyond that it leaves the write to the I/O thread, which sends everything queued
   * right after the next replies arrive. Two keeps a short pipeline going at light load (no
   * stop-and-wait) and still batches under heavy load, where syscalls are what costs.
   */
  static final int WRITE_AT_ONCE_BELOW = 2;
  /**
   * No reply read for this long, no reader will flush soon: the I/O thread then sends what queued, so
   * requests behind a slow reply reach the node (callers writing themselves cost 12% in syscalls).
   */
  static final long QUIET_NANOS = 1_000_000;
  /**
   * How often the I/O thread looks at an empty queue while several replies are due. A 1 ms timeout
   * on every wait of a pipelining loop cost it 10-15% more CPU per request, in system time, for as
   * many waits. With one reply due it keeps 1 ms: one blocking thread, reading its own replies, ran
   * at 0.66x the ops/s with 10 ms there (p50 80 us instead of 28 in most rounds), likely as idle
   * CPUs of a virtual machine then sleep deeper between requests.
   */
  static final long LOOK_AGAIN_NANOS = 10_000_000;

  /**
   * On a connection whose node may sit on bytes it received ({@link Transport#peerMayHoldBytes}),
   * when replies are due and nothing has moved either way for this long, the I/O thread sends a
   * {@link Nudge}: its bytes make the node read again, and with them what it held. Without it,
   * memcached 1.6.18 over TLS answers half of a 500-request burst and then waits for the operation
   * timeout (reproduced with a plain OpenSSL client too). Once per quiet stretch: a node that is
   * merely slow gets one small extra request, not one per interval.
   */
  static final long NUDGE_AFTER_NANOS = 2_000_000;

  private enum Outcome { WRITTEN, NOT_CONNECTED, HANDED_OFF }

  private final NodeConnection connection;
  private final EventLoop loop;
  private final InFlightQueue inFlight;
  private final LineSharing sharing;
  private final long nudgeTimeoutNanos;
  private final ConcurrentLinkedQueue<Request> submitted = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean flushing = new AtomicBoolean();
  private final Outbound out = new Outbound();
  /** What a request moves, both ways: counted as its bytes are written and its reply's read. */
  final RequestWeight weight = new RequestWeight();
  private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(32 * 1024).flip();
  private volatile boolean writeArmed;
  private volatile long lastReadNanos;
  private volatile long lastSentNanos;
  private volatile boolean nudged; // since the last read

  /** @param nudgeTimeoutNanos how long a {@link Nudge} waits for its reply (it has no caller to fail) */
  BatchWriter(NodeConnection connection, EventLoop loop, InFlightQueue inFlight, LineSharing sharing,
      long nudgeTimeoutNanos) {
    this.connection = connection;
    this.loop = loop;
    this.inFlight = inFlight;
    this.sharing = sharing;
    this.nudgeTimeoutNanos = nudgeTimeoutNanos;
  }

  /** I/O thread, once the connection is registered: sends what queued while connecting. */
  void opened() {
    lastReadNanos = loop.clock().nanoTime(); // no reply is due before the first write
    flush();
  }

  /** Any thread: queues {@code request}; writes it at once if the connection is (nearly) idle. */
  void submit(Request request) {
    submitted.offer(request);
    // Volatile offer and FIFO check, and replies leave the FIFO before the I/O thread flushes: this thread
    // sees few replies due and writes, or the I/O thread sends it after a reply or on a look for a slow one.
    if (inFlight.size() < WRITE_AT_ONCE_BELOW) {
      flush();
    } else {
      loop.lookSoon(lastReadNanos);
    }
  }

  /**
   * I/O thread: sends what queued if no reply has been read for {@link #QUIET_NANOS}; nudges a node
   * that may hold bytes ({@link #NUDGE_AFTER_NANOS}). Returns how soon to look again: never with no
   * reply due; {@link #QUIET_NANOS} while requests wait here, such a node owes replies, or one reply is
   * due; else {@link #LOOK_AGAIN_NANOS}, for a request queued next behind a reply that turns out slow.
   */
  long flushIfQuiet(long now) {
    if (submitted.isEmpty() && inFlight.size() == 0) {
      return EventLoop.NEVER; // idle: the loop's BusyConnections drops it
    }
    boolean mayHoldBytes = connection.isOpen() && connection.session().transport().peerMayHoldBytes();
    if (submitted.isEmpty()) { // so replies are due
      if (mayHoldBytes && !nudged && now - lastReadNanos > NUDGE_AFTER_NANOS
          && now - lastSentNanos > NUDGE_AFTER_NANOS) {
        nudged = true;
        submit(new Nudge(now + nudgeTimeoutNanos));
      }
    } else if (now - lastReadNanos > QUIET_NANOS) {
      flush();
    }
    int due = inFlight.size();
    return due == 0 ? EventLoop.NEVER
        : due == 1 || mayHoldBytes || !submitted.isEmpty() ? QUIET_NANOS : LOOK_AGAIN_NANOS;
  }

  /** The read role's holder, after reading replies: sends what queued meanwhile. */
  void flushQueued(int bytesRead) {
    weight.read(bytesRead, inFlight.opsTaken());
    lastReadNanos = loop.clock().nanoTime();
    nudged = false;
    if (!submitted.isEmpty()) {
      flush();
    }
  }

  /** Any thread: flushes if nobody else is. */
  void flush() {
    if (flushing.compareAndSet(false, true)) {
      flushHoldingRole(loop.inLoop() ? LOOP_FLUSH_ROUNDS : CALLER_FLUSH_ROUNDS);
    }
  }

  /** I/O thread: the socket drained; this thread already holds the role. */
  void onWritable(SelectionKey key) {
    writeArmed = false;
    key.interestOpsAnd(~SelectionKey.OP_WRITE); // the read interest belongs to ReadRole
    flushHoldingRole(LOOP_FLUSH_ROUNDS);
  }

  /** As {@link InFlightQueue#expire}, for the requests not yet written. */
  long expireQueued(long now, Consumer<Request> expired) {
    long earliest = EventLoop.NEVER;
    for (Request request : submitted) {
      earliest = InFlightQueue.expire(request, now, expired, earliest);
    }
    return earliest;
  }

  /** I/O thread, once the connection is closed: fails every queued request. */
  void onClosed() {
    if (writeArmed) {
      writeArmed = false; // the role was held for a write that can no longer finish: take it back
      flushing.set(false);
    }
    failQueued();
    flush(); // a submit racing with the close may have queued after failQueued
  }

  private void flushHoldingRole(int rounds) {
    while (true) {
      Outcome outcome = flushOnce();
      if (outcome == Outcome.HANDED_OFF) {
        return;
      }
      flushing.set(false);
      boolean more = outcome == Outcome.NOT_CONNECTED ? !connection.isConnecting() : !submitted.isEmpty();
      if (!more || !flushing.compareAndSet(false, true)) {
        return;
      }
      if (--rounds == 0) {
        loop.execute(() -> flushHoldingRole(LOOP_FLUSH_ROUNDS));
        return;
      }
    }
  }

  /** Holding the role: encodes queued requests and writes everything buffered. */
  private Outcome flushOnce() {
    if (connection.isConnecting()) {
      return Outcome.NOT_CONNECTED; // the connection flushes once it is registered
    }
    if (connection.isClosed()) {
      failQueued();
      return Outcome.WRITTEN;
    }
    encodeQueued();
    if (connection.isClosed()) {
      loop.execute(connection::failPending); // closed while we added: strand nothing
      return Outcome.WRITTEN;
    }
    try {
      while (true) {
        if (!writeBuffer.hasRemaining() && !out.isEmpty()) {
          writeBuffer.clear();
          out.moveTo(writeBuffer);
          writeBuffer.flip();
          weight.written(writeBuffer.remaining());
        }
        // Called with nothing left, it still sends what TLS holds back from an earlier write.
        Transport transport = connection.session().transport();
        if (!transport.write(writeBuffer)) {
          return !connection.isClosed() && armWrite() ? Outcome.HANDED_OFF : Outcome.WRITTEN;
        }
        if (transport.peerMayHoldBytes()) {
          lastSentNanos = loop.clock().nanoTime();
        }
        if (out.isEmpty()) {
          return Outcome.WRITTEN;
        }
      }
    } catch (IOException e) {
      connection.close(CloseReason.error("write failed: " + e.getMessage(), e));
      return Outcome.WRITTEN;
    }
  }

  /** Moves queued requests into the FIFO and the buffer, consecutive shareable ones on one line. */
  private void encodeQueued() {
    List<Request> group = null;
    int groupBytes = 0;
    Request request;
    boolean meta = connection.session().meta();
    while ((request = submitted.poll()) != null) {
      byte[] key = sharing == null || meta ? null : request.shareKey(); // meta gets need no shared line
      if (key == null) {
        if (group != null) {
          send(group);
          group = null;
        }
        send(request, meta);
        continue;
      }
      if (group != null && (group.size() == LineSharing.MAX_KEYS
          || groupBytes + key.length + 1 > LineSharing.MAX_KEY_BYTES)) {
        send(group);
        group = null;
      }
      if (group == null) {
        group = new ArrayList<>();
        groupBytes = 0;
      }
      group.add(request);
      groupBytes += key.length + 1;
    }
    if (group != null) {
      send(group);
    }
  }

  private void send(List<Request> group) {
    send(group.size() == 1 ? group.get(0) : sharing.join(group), false);
  }

  private void send(Request request, boolean meta) {
    // Encode first, then publish: the I/O thread may look at the FIFO's head at any moment, and
    // must only ever see fully built requests. The bytes reach the socket after every request of
    // this round is in the FIFO, so no reply can beat its request there.
    request.writeTo(out.buffer(), out, meta);
    inFlight.add(request);
  }

  /** Gives the role to the I/O thread until the socket drains. */
  private boolean armWrite() {
    writeArmed = true;
    try {
      connection.key().interestOpsOr(SelectionKey.OP_WRITE);
    } catch (CancelledKeyException e) {
      writeArmed = false; // closed meanwhile: the close fails what is queued
      return false;
    }
    loop.wakeup();
    return true;
  }

  private void failQueued() {
    Request request;
    while ((request = submitted.poll()) != null) {
      connection.fail(request);
    }
  }
}
