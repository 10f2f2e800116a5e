package io.cacheman.server.internal.net;

import io.cacheman.server.internal.protocol.NodeContext;
import io.cacheman.server.internal.protocol.Output;
import io.cacheman.server.internal.protocol.ProtocolHandler;
import io.cacheman.server.internal.stats.RateLimitedLog;
import io.cacheman.server.internal.stats.ServerStats;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * One client socket, driven by its event loop. Reads land in a read buffer borrowed from the
 * loop's pool only while bytes are waiting (an idle connection holds no buffer); commands are
 * parsed straight out of it, and all replies produced by one read batch go out in one write.
 *
 * <p>When replies pile up faster than the client reads them, the connection stops parsing (and
 * reading) until the socket drains, as memcached does ({@link ProtocolHandler#mayContinue}: a
 * bound per connection and one per event loop). A command whose line or data block is not
 * complete within the data deadline closes the connection, and so do replies that the client has
 * not read any of for that long.
 *
 * <p>With TLS on, reads and writes go through a {@link TlsChannel} instead of the socket itself
 * (the same code path, another channel); a client that has not finished its handshake within
 * {@link #HANDSHAKE_TIMEOUT_NANOS} is closed, so stalled handshakes cannot hold the node's
 * connection slots.
 *
 * <p>Not thread-safe: confined to its event loop thread.
 */
final class Connection {
  static final long HANDSHAKE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final int READS_PER_EVENT = 8;
  /** A draining connection whose client has sent nothing for this long is closed. */
  private static final long LINGER_QUIET_NANOS = 1_000_000_000L;
  private static final RateLimitedLog BINARY_CLIENTS =
      new RateLimitedLog(EventLoop.LOG, System::nanoTime, 1, TimeUnit.SECONDS);

  private final EventLoop loop;
  private final SocketChannel channel;
  /** Where bytes are read and written: the socket itself, or {@link #tls} over it. */
  private final ByteChannel io;
  private final TlsChannel tls;
  private final long acceptedAtNanos = System.nanoTime();
  private final ServerStats stats;
  private final Output out;
  private final ProtocolHandler handler;
  private SelectionKey key;
  private ByteBuffer in;
  private int parsePos;
  private boolean eof;
  private boolean backlogged;
  private boolean closed;
  private boolean draining;
  private boolean lingering;
  private long lastInputNanos;
  private long commandStartMillis;
  private long stalledSinceMillis;
  private long lastCompleted;

  Connection(EventLoop loop, SocketChannel channel, NodeContext node, ServerStats stats) {
    this.loop = loop;
    this.channel = channel;
    this.tls = node.tls() == null ? null
        : new TlsChannel(channel, node.tls().newEngine(), loop.tlsBuffers(), stats);
    this.io = tls != null ? tls : channel;
    this.out = new Output(loop.outputBlocks());
    this.handler = new ProtocolHandler(node, out);
    this.stats = stats;
  }

  void attach(SelectionKey key) {
    this.key = key;
  }

  boolean isClosed() {
    return closed;
  }

  void onReadable() throws IOException {
    for (int i = 0; i < READS_PER_EVENT && !closed; i++) {
      if (in == null) {
        in = loop.takeBuffer();
      }
      int n = io.read(in);
      if (n < 0) {
        eof = true;
        break;
      }
      if (n == 0) {
        break;
      }
      stats.bytesRead.add(n);
      boolean filled = !in.hasRemaining();
      parse();
      if (handler.closeRequested() || backlogged || !filled) {
        break;
      }
    }
    if (in != null && in.position() == 0) {
      loop.giveBuffer(in); // nothing arrived: an idle connection holds no buffer
      in = null;
    }
    pump();
  }

  void onWritable() throws IOException {
    pump();
  }

  /** Closes the connection if its current command has been arriving for too long. */
  void checkDeadline(long nowMillis, long timeoutMillis) {
    if (tls != null && !closed && !tls.handshaken()
        && System.nanoTime() - acceptedAtNanos > HANDSHAKE_TIMEOUT_NANOS) {
      stats.deadlineCloses.increment();
      close();
      return;
    }
    // real time, not the configured clock: a test's hand-moved clock must not stall shutdown
    if (lingering && !closed && System.nanoTime() - lastInputNanos >= LINGER_QUIET_NANOS) {
      close();
      return;
    }
    boolean commandLate = commandStartMillis != 0 && nowMillis - commandStartMillis > timeoutMillis;
    boolean repliesUnread = stalledSinceMillis != 0 && nowMillis - stalledSinceMillis > timeoutMillis;
    if (!closed && (commandLate || repliesUnread)) {
      stats.deadlineCloses.increment();
      close();
    }
  }

  /**
   * Shutdown: stop parsing; once the queued replies are written, send FIN and linger, reading
   * and discarding whatever the client still sends, until it closes too (or the loop's drain
   * deadline passes). Closing at once with unread input would make the kernel answer with RST
   * and drop the replies still in the socket's send buffer, cutting a value mid-block. A client
   * that goes quiet for a second is closed then; an idle connection (nothing owed, nothing
   * buffered) is closed at once.
   */
  void drain() throws IOException {
    if (closed) {
      return;
    }
    if (lingering) {
      discardInput();
      return;
    }
    if (!draining && out.isEmpty() && in == null) {
      draining = true;
      discardInput(); // nothing unread may remain at close, or the kernel would send RST
      close();
      return;
    }
    draining = true;
    eof = true;
    if (in != null) {
      parsePos = in.position();
    }
    pump();
  }

  void close() {
    if (closed) {
      return;
    }
    closed = true;
    handler.release();
    if (tls != null) {
      tls.sendCloseNotify();
      tls.release();
    }
    if (key != null) {
      key.cancel();
    }
    try {
      channel.close();
    } catch (IOException e) {
      EventLoop.LOG.debug("closing a client socket failed: {}", e.toString());
    }
    if (in != null) {
      loop.giveBuffer(in);
      in = null;
    }
    loop.closed(this);
  }

  /** Parses buffered input, writing and re-parsing while the reply backlog allows. */
  private void pump() throws IOException {
    while (!closed) {
      if (in != null && parsePos < in.position() && !handler.closeRequested()) {
        parse();
      }
      if (!flush()) {
        key.interestOps(SelectionKey.OP_WRITE);
        return;
      }
      if (draining) {
        linger();
        return;
      }
      if (handler.closeRequested() || eof) {
        close();
        return;
      }
      if (!backlogged) {
        key.interestOps(SelectionKey.OP_READ);
        if (tls != null && tls.hasBufferedInput()) {
          loop.readAgain(this); // decrypted input the selector cannot see
        }
        return;
      }
    }
  }

  /** Every reply is in the kernel: half-close so the client sees the end after the last one. */
  private void linger() throws IOException {
    lingering = true;
    commandStartMillis = 0;
    lastInputNanos = System.nanoTime();
    if (in != null) {
      loop.giveBuffer(in);
      in = null;
    }
    if (tls != null) {
      tls.sendCloseNotify();
    }
    channel.shutdownOutput();
    key.interestOps(SelectionKey.OP_READ);
    discardInput();
  }

  private void discardInput() throws IOException {
    ByteBuffer sink = loop.scratch();
    while (true) {
      sink.clear();
      int n = channel.read(sink);
      if (n < 0) {
        close();
        return;
      }
      if (n == 0) {
        return;
      }
      stats.bytesRead.add(n);
      lastInputNanos = System.nanoTime();
    }
  }

  private void parse() {
    int limit = in.position();
    // read before parsing: a command's deadline runs from when its bytes were taken in
    long readAtMillis = loop.nowMillis();
    parsePos = handler.process(in.array(), parsePos, limit);
    if (handler.binaryRefused()) {
      BINARY_CLIENTS.warn("refused a client speaking the binary protocol from " + peer()
          + " (this node speaks the text protocol only)", null);
    }
    backlogged = parsePos < limit && !handler.closeRequested() && !handler.mayContinue();
    boolean buffered = parsePos < limit;
    if (!buffered) {
      in.clear();
      parsePos = 0;
      loop.giveBuffer(in);
      in = null;
    } else if (!backlogged) {
      makeRoom(limit);
    }
    trackDeadline(buffered, readAtMillis);
  }

  private String peer() {
    try {
      return String.valueOf(channel.getRemoteAddress());
    } catch (IOException e) {
      return "an unknown peer (" + e.getMessage() + ")";
    }
  }

  /**
   * Moves a partial line to the front. The buffer never needs to grow: a line other than a
   * retrieval closes the connection past 2,048 bytes, and a retrieval keeps at most one key.
   */
  private void makeRoom(int limit) {
    if (parsePos > 0) {
      byte[] a = in.array();
      System.arraycopy(a, parsePos, a, 0, limit - parsePos);
      in.position(limit - parsePos);
      parsePos = 0;
    }
    if (!in.hasRemaining()) {
      throw new IllegalStateException("a 16 KB read buffer filled with one unfinished line");
    }
  }

  private void trackDeadline(boolean buffered, long readAtMillis) {
    if (!handler.inCommand(buffered)) {
      commandStartMillis = 0;
    } else if (commandStartMillis == 0 || handler.completedCommands() != lastCompleted) {
      commandStartMillis = readAtMillis;
    }
    lastCompleted = handler.completedCommands();
  }

  private boolean flush() throws IOException {
    if (out.isEmpty()) {
      return tls == null || tls.flushPending();
    }
    long[] written = loop.writtenCounter();
    boolean done = out.flushTo(io, loop.scratch(), written)
        && (tls == null || tls.flushPending());
    stats.bytesWritten.add(written[0]);
    if (done) {
      stalledSinceMillis = 0;
    } else if (written[0] > 0 || stalledSinceMillis == 0) {
      stalledSinceMillis = loop.nowMillis(); // progress: the unread-replies clock starts over
    }
    if (written[0] > 0 && commandStartMillis != 0) {
      commandStartMillis = loop.nowMillis(); // a long get paused for a slow reader is progressing
    }
    return done;
  }
}
