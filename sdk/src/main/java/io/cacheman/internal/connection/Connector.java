package io.cacheman.internal.connection;

import io.cacheman.CacheConnectionException;
import io.cacheman.config.NodeAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a node's connections: a blocking connect, bounded by the connect timeout, on the client's
 * connector threads, so neither callers nor I/O threads wait for one. The host name is resolved
 * again at each connect, so a node that moves to a new address is found on the next reconnect.
 */
final class Connector {
  private static final Logger log = LoggerFactory.getLogger(Connector.class);

  private final NodeAddress address;
  private final Duration timeout;
  private final Executor threads;

  Connector(NodeAddress address, Duration timeout, Executor threads) {
    this.address = address;
    this.timeout = timeout;
    this.threads = threads;
  }

  /** Starts opening {@code connection}; once connected it is registered with {@code loop}. */
  void open(NodeConnection connection, EventLoop loop) {
    try {
      threads.execute(() -> connect(connection, loop));
    } catch (RejectedExecutionException e) {
      connection.closeByClient("client closed");
    }
  }

  private void connect(NodeConnection connection, EventLoop loop) {
    SocketChannel channel = null;
    try {
      InetSocketAddress target = new InetSocketAddress(address.host(), address.port());
      if (target.isUnresolved()) {
        throw new UnknownHostException("cannot resolve " + address.host());
      }
      channel = SocketChannel.open();
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
      channel.socket().connect(target, (int) Math.max(1, timeout.toMillis()));
      channel.configureBlocking(false);
      if (connection.attach(channel)) {
        loop.register(connection, channel);
        channel = null;
      }
    } catch (IOException | RuntimeException e) {
      CacheConnectionException failure = new CacheConnectionException("cannot connect to " + address.id(), e);
      connection.close(CloseReason.error("cannot connect: " + e, failure));
    } finally {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException e) {
          log.debug("closing an unconnected socket failed", e);
        }
      }
    }
  }
}
