package io.cacheman.server.internal.net;

import io.cacheman.server.ServerConfig;
import io.cacheman.server.internal.protocol.NodeContext;
import io.cacheman.server.internal.stats.ServerStats;
import io.cacheman.server.internal.store.ItemStore;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's sockets and threads: one acceptor thread blocking in {@code accept()} hands each
 * connection to the next of {@code t} {@link EventLoop}s, round robin, and enforces the connection
 * limit the way memcached does (reply {@code ERROR Too many open connections}, then close).
 *
 * <p>{@link #close} stops accepting, lets every loop finish writing the replies it owes, closes
 * every socket and joins every thread, so nothing is left behind.
 */
public final class NioServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NioServer.class);
  private static final byte[] TOO_MANY =
      "ERROR Too many open connections\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final long DRAIN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final ServerSocketChannel serverChannel;
  private final EventLoop[] loops;
  private final ServerStats stats;
  private final int maxConnections;
  private final AtomicInteger current = new AtomicInteger();
  private final Thread acceptor;
  private final InetSocketAddress address;
  private final Object closeLock = new Object();
  private final Consumer<Throwable> onFatal;
  private final NodeContext node;
  private boolean closed;

  /**
   * Heap the node's connections may hold (staging blocks of unsent replies, read buffers) before
   * those whose clients are not reading stop taking commands: 16 MB + M/16 for {@code -m M},
   * inside the heap docs/server.md sizes (M/8 + 64 MB).
   */
  public static long connectionHeapBudget(long memoryLimitBytes) {
    return (16L << 20) + memoryLimitBytes / 16;
  }

  /** Binds and starts serving; returns once the port accepts connections. */
  public NioServer(ServerConfig config, NodeContext node, ItemStore store, ServerStats stats,
      Consumer<Throwable> onFatal) throws IOException {
    this.stats = stats;
    this.onFatal = onFatal;
    this.node = node;
    this.maxConnections = config.maxConnections();
    InetSocketAddress bindTo = new InetSocketAddress(config.listenAddress(), config.port());
    if (bindTo.isUnresolved()) {
      throw new UnknownHostException("unknown host " + config.listenAddress());
    }
    // An IPv4 address gets an IPv4 socket: Java's default dual-stack socket would make 0.0.0.0
    // listen on every IPv6 address too, where memcached binds IPv4 only.
    this.serverChannel = ServerSocketChannel.open(bindTo.getAddress() instanceof Inet4Address
        ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
    try {
      serverChannel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      serverChannel.bind(bindTo, 1024);
      this.address = (InetSocketAddress) serverChannel.getLocalAddress();
      node.port(address.getPort());
      String prefix = "cacheman-" + address.getPort();
      loops = new EventLoop[config.threads()];
      for (int i = 0; i < loops.length; i++) {
        loops[i] = new EventLoop(i, loops.length, this, node, stats, store, config.clock(),
            prefix + "-loop-" + i, connectionHeapBudget(config.memoryLimitBytes()) / loops.length);
      }
    } catch (IOException | RuntimeException e) {
      serverChannel.close();
      throw e;
    }
    for (EventLoop loop : loops) {
      loop.start();
    }
    acceptor = new Thread(this::acceptGuarded, "cacheman-" + address.getPort() + "-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public InetSocketAddress address() {
    return address;
  }

  /** Client connections currently open. */
  public int currentConnections() {
    return current.get();
  }

  void connectionClosed() {
    current.decrementAndGet();
  }

  /**
   * A node thread died (an {@link Error} such as {@code OutOfMemoryError}, or a bug): the node
   * cannot serve as it should, so it must not linger as a zombie holding its port.
   */
  void fatal(Thread thread, Throwable error) {
    onFatal.accept(new IllegalStateException("thread " + thread.getName() + " died", error));
  }

  private void acceptGuarded() {
    try {
      acceptLoop();
    } catch (RuntimeException | Error e) {
      fatal(Thread.currentThread(), e);
    }
  }

  private void acceptLoop() {
    int next = 0;
    while (true) {
      SocketChannel channel;
      try {
        channel = serverChannel.accept();
      } catch (ClosedChannelException e) {
        return; // close() closed the listening socket: stop accepting.
      } catch (IOException e) {
        if (!serverChannel.isOpen()) {
          return;
        }
        LOG.warn("accept failed ({}); retrying shortly", e.toString());
        long pausedAt = System.nanoTime();
        stats.listenDisabled.increment();
        node.accepting(false);
        pauseAfterAcceptFailure();
        node.accepting(true);
        stats.listenDisabledMicros.add((System.nanoTime() - pausedAt) / 1000);
        continue;
      }
      if (current.incrementAndGet() > maxConnections) {
        current.decrementAndGet();
        reject(channel);
        continue;
      }
      stats.totalConnections.increment();
      loops[next].register(channel);
      next = (next + 1) % loops.length;
    }
  }

  private void reject(SocketChannel channel) {
    stats.rejectedConnections.increment();
    try {
      channel.configureBlocking(false);
      channel.write(ByteBuffer.wrap(TOO_MANY));
    } catch (IOException e) {
      LOG.debug("could not tell a refused client why: {}", e.toString());
    }
    EventLoop.closeChannel(channel);
  }

  /** Out of file descriptors and similar: back off briefly instead of spinning. */
  private static void pauseAfterAcceptFailure() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Graceful stop: idempotent; returns when every thread has ended and every socket is closed. */
  @Override
  public void close() {
    synchronized (closeLock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    node.accepting(false);
    try {
      serverChannel.close();
    } catch (IOException e) {
      LOG.debug("closing the listening socket failed: {}", e.toString());
    }
    try {
      // The acceptor must be gone before the loops drain, or a late socket could miss them.
      acceptor.join(TimeUnit.NANOSECONDS.toMillis(DRAIN_TIMEOUT_NANOS));
      for (EventLoop loop : loops) {
        loop.drain(DRAIN_TIMEOUT_NANOS);
      }
      for (EventLoop loop : loops) {
        loop.join(TimeUnit.NANOSECONDS.toMillis(DRAIN_TIMEOUT_NANOS) + 1000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
