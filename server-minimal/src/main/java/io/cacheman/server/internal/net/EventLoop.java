package io.cacheman.server.internal.net;

import io.cacheman.server.internal.protocol.NodeContext;
import io.cacheman.server.internal.protocol.OutputBlocks;
import io.cacheman.server.internal.protocol.ProtocolHandler;
import io.cacheman.server.internal.stats.RateLimitedLog;
import io.cacheman.server.internal.stats.ServerStats;
import io.cacheman.server.internal.store.ItemStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selector thread serving many connections (M:N). Besides I/O it runs, once a second, the
 * data-deadline check of its connections, and every few milliseconds a small slice of the store's
 * expiry sweep ({@link ItemStore#SWEEP_INTERVAL_MILLIS}; loop {@code i} of {@code t} sweeps
 * segments {@code i, i + t, ...}), so the node needs no timer thread. Owns a pool of read buffers
 * and one direct buffer through which all writes pass.
 */
final class EventLoop implements Runnable {
  static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);
  /** Connection errors, at most one WARN line a second however many connections fail. */
  private static final RateLimitedLog CONNECTION_ERRORS =
      new RateLimitedLog(LOG, System::nanoTime, 1, TimeUnit.SECONDS);
  static final int READ_BUFFER_SIZE = 16 * 1024;
  private static final int POOLED_BUFFERS = 64;
  private static final int WRITE_SCRATCH_SIZE = 128 * 1024;
  private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1000);
  private static final long SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(ItemStore.SWEEP_INTERVAL_MILLIS);
  /** How long an idle loop sleeps when its segments have no sweep work: it then costs next to nothing. */
  private static final int IDLE_SELECT_MILLIS = 250;
  private static final int READABLE = 0;
  private static final int WRITABLE = 1;
  private static final int DRAIN = 2;

  private final int index;
  private final int loopCount;
  private final NioServer server;
  private final NodeContext node;
  private final ServerStats stats;
  private final ItemStore store;
  private final Clock clock;
  private final Selector selector;
  private final Queue<SocketChannel> incoming = new ConcurrentLinkedQueue<>();
  private final Set<Connection> connections = new HashSet<>();
  private final ArrayDeque<ByteBuffer> bufferPool = new ArrayDeque<>();
  private final ByteBuffer scratch = ByteBuffer.allocateDirect(WRITE_SCRATCH_SIZE);
  private final TlsBuffers tlsBuffers = new TlsBuffers();
  /** TLS connections holding decrypted input the selector cannot report; served next round. */
  private final ArrayDeque<Connection> readAgain = new ArrayDeque<>();
  private final OutputBlocks outputBlocks;
  private final Consumer<SelectionKey> serveKey = this::serve;
  private final long[] written = new long[1];
  private final Thread thread;
  private volatile boolean draining;
  private volatile long drainDeadlineNanos;
  private long nextTickNanos;
  private long nextSweepNanos;
  private int selectMillis = ItemStore.SWEEP_INTERVAL_MILLIS;

  EventLoop(int index, int loopCount, NioServer server, NodeContext node, ServerStats stats,
      ItemStore store, Clock clock, String name, long heapBudget) throws IOException {
    this.outputBlocks = new OutputBlocks(heapBudget);
    this.index = index;
    this.loopCount = loopCount;
    this.server = server;
    this.node = node;
    this.stats = stats;
    this.store = store;
    this.clock = clock;
    this.selector = Selector.open();
    this.thread = new Thread(this, name);
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Hands a freshly accepted socket to this loop; callable from any thread. */
  void register(SocketChannel channel) {
    incoming.add(channel);
    selector.wakeup();
  }

  /** Stops reading; connections close once their queued replies are written, or at timeout. */
  void drain(long timeoutNanos) {
    drainDeadlineNanos = System.nanoTime() + timeoutNanos;
    draining = true;
    selector.wakeup();
  }

  void join(long timeoutMillis) throws InterruptedException {
    thread.join(timeoutMillis);
  }

  boolean isAlive() {
    return thread.isAlive();
  }

  @Override
  public void run() {
    nextTickNanos = System.nanoTime() + TICK_NANOS;
    nextSweepNanos = System.nanoTime() + SWEEP_NANOS;
    try {
      boolean drainStarted = false;
      while (true) {
        // ready keys are served from inside select: no selected-key set, no iterator per wake-up
        selector.select(serveKey, selectMillis);
        serveReadAgain();
        if (draining && !drainStarted) {
          drainStarted = true;
          for (Connection c : new ArrayList<>(connections)) {
            guarded(c, DRAIN);
          }
        }
        acceptIncoming(drainStarted);
        tickIfDue();
        if (drainStarted
            && (connections.isEmpty() || System.nanoTime() - drainDeadlineNanos > 0)) {
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.error("event loop {} stopped by an unexpected error", thread.getName(), e);
      server.fatal(thread, e);
    } catch (Error e) {
      server.fatal(thread, e); // out of memory or worse: the node cannot go on serving
    } finally {
      for (Connection c : new ArrayList<>(connections)) {
        c.close();
      }
      SocketChannel late;
      while ((late = incoming.poll()) != null) {
        closeChannel(late);
        server.connectionClosed();
      }
      closeQuietly();
    }
  }

  private void acceptIncoming(boolean drainStarted) {
    SocketChannel channel;
    while ((channel = incoming.poll()) != null) {
      Connection connection = new Connection(this, channel, node, stats);
      try {
        channel.configureBlocking(false);
        channel.socket().setTcpNoDelay(true);
        connection.attach(channel.register(selector, SelectionKey.OP_READ, connection));
        connections.add(connection);
        if (drainStarted) {
          connection.close();
        }
      } catch (IOException e) {
        LOG.debug("could not set up an accepted socket: {}", e.toString());
        connections.add(connection);
        connection.close();
      }
    }
  }

  private void serve(SelectionKey key) {
    if (!key.isValid()) {
      return;
    }
    Connection c = (Connection) key.attachment();
    int step = key.isWritable() ? WRITABLE : draining ? DRAIN : READABLE;
    guarded(c, step);
  }

  /** Runs one connection step; an error closes that connection only, never the loop. */
  private void guarded(Connection c, int step) {
    try {
      if (step == WRITABLE) {
        c.onWritable();
      } else if (step == READABLE) {
        c.onReadable();
      } else {
        c.drain();
      }
    } catch (IOException e) {
      CONNECTION_ERRORS.warn("closing a connection after an I/O error: " + e, null);
      c.close();
    } catch (RuntimeException e) {
      CONNECTION_ERRORS.warn("closing a connection after an unexpected error: " + e, e);
      c.close();
    }
  }

  private void serveReadAgain() {
    for (int n = readAgain.size(); n > 0; n--) {
      Connection c = readAgain.poll();
      if (!c.isClosed()) {
        guarded(c, draining ? DRAIN : READABLE);
      }
    }
  }

  /** Serves {@code c} as readable on the next round, without waiting for the selector. */
  void readAgain(Connection c) {
    readAgain.add(c);
    selector.wakeup(); // the next select returns at once
  }

  TlsBuffers tlsBuffers() {
    return tlsBuffers;
  }

  private void tickIfDue() {
    long now = System.nanoTime();
    if (now - nextSweepNanos >= 0) {
      nextSweepNanos = now + SWEEP_NANOS;
      store.sweep(index, loopCount, ItemStore.SWEEP_BUCKETS_PER_SLICE);
      selectMillis = store.hasSweepWork(index, loopCount) ? ItemStore.SWEEP_INTERVAL_MILLIS : IDLE_SELECT_MILLIS;
    }
    if (now - nextTickNanos < 0) {
      return;
    }
    nextTickNanos = now + TICK_NANOS;
    long nowMillis = nowMillis();
    long timeout = TimeUnit.SECONDS.toMillis(ProtocolHandler.DATA_TIMEOUT_SECONDS);
    for (Connection c : new ArrayList<>(connections)) {
      c.checkDeadline(nowMillis, timeout);
    }
  }

  long nowMillis() {
    return clock.millis();
  }

  ByteBuffer takeBuffer() {
    ByteBuffer b = bufferPool.poll();
    outputBlocks.lent(READ_BUFFER_SIZE);
    return b != null ? b : ByteBuffer.allocate(READ_BUFFER_SIZE);
  }

  void giveBuffer(ByteBuffer b) {
    outputBlocks.lent(-b.capacity());
    if (b.capacity() == READ_BUFFER_SIZE && bufferPool.size() < POOLED_BUFFERS) {
      b.clear();
      bufferPool.push(b);
    }
  }

  /** The staging blocks this loop's connections copy their replies into. */
  OutputBlocks outputBlocks() {
    return outputBlocks;
  }

  ByteBuffer scratch() {
    return scratch;
  }

  long[] writtenCounter() {
    return written;
  }

  void closed(Connection c) {
    if (connections.remove(c)) {
      server.connectionClosed();
    }
  }

  static void closeChannel(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("closing a client socket failed: {}", e.toString());
    }
  }

  private void closeQuietly() {
    try {
      selector.close();
    } catch (IOException e) {
      LOG.debug("closing selector failed: {}", e.toString());
    }
  }

}
