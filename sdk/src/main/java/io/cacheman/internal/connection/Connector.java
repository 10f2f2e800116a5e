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
  private final Security security;
  private final Executor threads;

  Connector(NodeAddress address, Duration timeout, Security security, Executor threads) {
    this.address = address;
    this.timeout = timeout;
    this.security = security;
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
    long deadline = System.nanoTime() + timeout.toNanos();
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
      Transport transport = setUp(channel, deadline);
      if (connection.attach(channel, transport)) {
        loop.register(connection, channel);
        channel = null;
      }
    } catch (IOException | RuntimeException e) {
      String why = ConnectFailures.describe(e, address.id());
      connection.close(CloseReason.error(why, new CacheConnectionException(address.id() + ": " + why, e)));
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

  /** TLS, then the login, within what is left of the connect timeout; the socket's bytes from then on. */
  private Transport setUp(SocketChannel channel, long deadline) throws IOException {
    if (security.tls() == null && security.credentials() == null) {
      return Transport.plain(channel);
    }
    String step = security.tls() == null ? "authentication" : "the TLS handshake";
    try (SetupChannel setup = new SetupChannel(channel, deadline, step)) {
      Transport transport = security.tls() == null ? Transport.plain(channel)
          : TlsTransport.handshake(setup, security.tls().create(address.host(), address.port()));
      if (security.credentials() != null) {
        Login.run(setup, transport, security.credentials(), address.id());
      }
      return transport;
    }
  }
}
