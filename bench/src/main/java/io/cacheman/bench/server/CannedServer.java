package io.cacheman.bench.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A memcached-protocol server that stores nothing and answers every request at once with a fixed
 * valid reply ({@link CannedConnection}). Driving a client against it shows the client's own
 * ceiling: what it can do when the server costs next to nothing.
 *
 * <h2>Threading</h2>
 * One acceptor thread hands connections round-robin to {@code threads} selector loops. All are
 * daemon threads, stopped by {@link #close()}.
 */
public final class CannedServer implements BenchServer {
  private static final Logger log = LoggerFactory.getLogger(CannedServer.class);

  private final ServerSocketChannel listener;
  private final CannedLoop[] loops;
  private final Thread acceptor;
  private final InetSocketAddress address;
  private final int valueSize;
  private volatile boolean closed;

  private CannedServer(ServerSocketChannel listener, CannedLoop[] loops, int valueSize) throws IOException {
    this.listener = listener;
    this.loops = loops;
    this.valueSize = valueSize;
    this.address = (InetSocketAddress) listener.getLocalAddress();
    this.acceptor = new Thread(this::acceptLoop, "canned-acceptor");
    acceptor.setDaemon(true);
  }

  /**
   * Starts a canned server on a free loopback port whose gets return {@code valueSize} bytes.
   *
   * @throws IOException when it cannot listen
   */
  public static CannedServer start(int threads, int valueSize) throws IOException {
    return start(0, threads, valueSize);
  }

  /**
   * Starts a canned server on loopback port {@code port} (0 for a free one).
   *
   * @throws IOException when it cannot listen there
   */
  public static CannedServer start(int port, int threads, int valueSize) throws IOException {
    byte[] value = new byte[valueSize];
    for (int i = 0; i < valueSize; i++) {
      value[i] = (byte) ('a' + i % 26);
    }
    ServerSocketChannel listener = ServerSocketChannel.open();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
    CannedLoop[] loops = new CannedLoop[threads];
    for (int i = 0; i < threads; i++) {
      loops[i] = new CannedLoop(value, "canned-loop-" + i);
    }
    CannedServer server = new CannedServer(listener, loops, valueSize);
    server.acceptor.start();
    return server;
  }

  private void acceptLoop() {
    int next = 0;
    while (!closed) {
      try {
        SocketChannel channel = listener.accept();
        loops[next++ % loops.length].adopt(channel);
      } catch (ClosedChannelException e) {
        return; // close() closed the listener
      } catch (IOException e) {
        if (!closed) {
          log.warn("canned server could not accept a connection: {}", e.getMessage());
        }
      }
    }
  }

  @Override
  public List<InetSocketAddress> addresses() {
    return List.of(address);
  }

  @Override
  public OptionalLong pid() {
    return OptionalLong.of(ProcessHandle.current().pid());
  }

  @Override
  public String describe() {
    return "canned (" + loops.length + " loops, " + valueSize + "-byte values, in the bench's JVM) on 127.0.0.1:"
        + address.getPort();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      listener.close();
    } catch (IOException e) {
      log.debug("closing the canned listener: {}", e.getMessage());
    }
    for (CannedLoop loop : loops) {
      loop.close();
    }
  }
}
