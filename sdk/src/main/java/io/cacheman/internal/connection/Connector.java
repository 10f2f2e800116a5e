package io.cacheman.internal.connection;

import io.cacheman.CacheConnectionException;
import io.cacheman.config.NodeAddress;
import io.cacheman.config.Protocol;
import java.io.EOFException;
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
  private final Protocol protocol;
  private final Executor threads;
  /** Under {@link Protocol#AUTO}: the node closed a connection when asked {@code mn}; ask no more. */
  private volatile boolean textOnly;

  Connector(NodeAddress address, Duration timeout, Security security, Protocol protocol, Executor threads) {
    this.address = address;
    this.timeout = timeout;
    this.security = security;
    this.protocol = protocol;
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
      Session session = setUp(channel, deadline);
      if (connection.attach(channel, session)) {
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

  /** TLS, then the login, then the protocol, within what is left of the connect timeout. */
  private Session setUp(SocketChannel channel, long deadline) throws IOException {
    boolean probe = protocol == Protocol.AUTO && !textOnly;
    if (security.tls() == null && security.credentials() == null && !probe) {
      return new Session(Transport.plain(channel), protocol == Protocol.META);
    }
    String step = security.tls() != null ? "the TLS handshake" : security.credentials() != null ? "authentication"
        : "asking whether the node speaks the meta protocol";
    try (SetupChannel setup = new SetupChannel(channel, deadline, step)) {
      Transport transport = security.tls() == null ? Transport.plain(channel)
          : TlsTransport.handshake(setup, security.tls().create(address.host(), address.port()));
      SetupLines lines = new SetupLines(setup, transport);
      if (security.credentials() != null) {
        Login.run(lines, security.credentials(), address.id());
      }
      return new Session(transport, protocol == Protocol.META || probe && speaksMeta(lines));
    }
  }

  /**
   * {@code mn}: memcached 1.6 answers {@code MN}, older nodes and proxies without meta {@code ERROR};
   * twemproxy closes the connection, so the node is taken as text-only from then on.
   */
  private boolean speaksMeta(SetupLines lines) throws IOException {
    lines.send("mn");
    try {
      String answer = lines.readLine();
      if (!answer.equals("MN") && !answer.equals("ERROR")) {
        throw new IOException("unexpected answer to mn: " + answer);
      }
      log.debug("{} speaks {}", address.id(), answer.equals("MN") ? "the meta protocol" : "text only");
      return answer.equals("MN");
    } catch (EOFException e) {
      textOnly = true;
      throw new IOException("the node closed the connection when asked mn; it is taken as text-only from now on");
    }
  }
}
