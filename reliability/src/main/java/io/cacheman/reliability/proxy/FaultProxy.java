package io.cacheman.reliability.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback TCP proxy between clients and one node that injects faults on command, with
 * Toxiproxy's fault types ({@link Toxic}).
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", nodePort))) {
 *   // point the client at 127.0.0.1:proxy.port()
 *   proxy.everywhere(Direction.DOWNSTREAM, Toxic.latency(Duration.ofMillis(600)));
 *   ...
 *   proxy.clear();
 * }
 * }</pre>
 *
 * <h2>Where toxics apply</h2>
 * {@link #toxics} sets the toxics each <em>new</em> connection starts with; {@link #everywhere}
 * also applies them to the connections already open; {@link ProxyConnection#toxics} changes one
 * connection. {@link #resetAll()} resets every open connection at once.
 *
 * <h2>Resources</h2>
 * One acceptor thread, one timer thread, and four threads per open connection; at most
 * {@code maxConnections} connections (further ones are reset on accept). {@link #close()} closes
 * every socket and ends every thread. Thread-safe.
 */
public final class FaultProxy implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FaultProxy.class);
  /** Default bound on proxied connections open at once. */
  public static final int DEFAULT_MAX_CONNECTIONS = 256;
  private static final int UPSTREAM_CONNECT_TIMEOUT_MILLIS = 2_000;

  private final InetSocketAddress upstream;
  private final ServerSocket listener;
  private final int maxConnections;
  private final String name;
  private final Thread acceptor;
  private final ScheduledExecutorService timers;
  private final Set<ProxyConnection> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile ToxicList newUpstream = ToxicList.NONE;
  private volatile ToxicList newDownstream = ToxicList.NONE;

  private FaultProxy(InetSocketAddress upstream, int listenPort, int maxConnections) throws IOException {
    this.upstream = upstream;
    this.maxConnections = maxConnections;
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true); // a proxy restarted on the same port must not wait for TIME_WAIT
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort), 128);
    this.listener = socket;
    this.name = "fault-proxy-" + socket.getLocalPort();
    this.timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, name + "-timer"));
    this.acceptor = daemon(this::acceptLoop, name + "-accept");
    acceptor.start();
  }

  /** A proxy on a free loopback port forwarding to {@code upstream}. */
  public static FaultProxy start(InetSocketAddress upstream) {
    return start(upstream, 0, DEFAULT_MAX_CONNECTIONS);
  }

  /**
   * A proxy on loopback {@code listenPort} (0 for a free one) forwarding to {@code upstream}.
   *
   * @throws UncheckedIOException when the port cannot be bound
   */
  public static FaultProxy start(InetSocketAddress upstream, int listenPort, int maxConnections) {
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
    }
    try {
      return new FaultProxy(upstream, listenPort, maxConnections);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on loopback port " + listenPort + ": " + e.getMessage(), e);
    }
  }

  /** The loopback port clients connect to. */
  public int port() {
    return listener.getLocalPort();
  }

  /** The node this proxy forwards to. */
  public InetSocketAddress upstream() {
    return upstream;
  }

  /** Sets the toxics of {@code direction} for connections accepted from now on. */
  public FaultProxy toxics(Direction direction, Toxic... toxics) {
    ToxicList list = new ToxicList(List.of(toxics));
    if (direction == Direction.UPSTREAM) {
      newUpstream = list;
    } else {
      newDownstream = list;
    }
    return this;
  }

  /** Sets the toxics of {@code direction} for new connections and for every open one. */
  public FaultProxy everywhere(Direction direction, Toxic... toxics) {
    toxics(direction, toxics);
    for (ProxyConnection c : open) {
      c.toxics(direction, List.of(toxics));
    }
    return this;
  }

  /** Removes every toxic, from new and open connections. */
  public FaultProxy clear() {
    everywhere(Direction.UPSTREAM);
    everywhere(Direction.DOWNSTREAM);
    return this;
  }

  /** The connections open now. */
  public List<ProxyConnection> connections() {
    return new ArrayList<>(open);
  }

  /** Resets every open connection now (new ones are still accepted). */
  public void resetAll() {
    for (ProxyConnection c : open) {
      c.reset();
    }
  }

  /** Connections accepted since start, including those refused for exceeding the bound. */
  public long acceptedConnections() {
    return accepted.get();
  }

  /** Stops accepting, closes every connection and ends every thread; idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      listener.close();
    } catch (IOException e) {
      log.debug("closing the proxy listener: {}", e.getMessage());
    }
    List<ProxyConnection> toClose = connections();
    for (ProxyConnection c : toClose) {
      c.close();
    }
    timers.shutdownNow();
    try {
      acceptor.join(5_000);
      for (ProxyConnection c : toClose) {
        c.awaitThreads(5_000);
      }
      timers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // keep the caller's interrupt; threads are daemons and already told to stop
    }
  }

  private void acceptLoop() {
    while (!closed.get()) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        if (!closed.get()) {
          log.warn("{} stops accepting: {}", name, e.getMessage());
        }
        return;
      }
      long id = accepted.incrementAndGet();
      if (open.size() >= maxConnections) {
        log.debug("{} refuses connection {}: {} already open", name, id, maxConnections);
        resetAndClose(client);
        continue;
      }
      connect(id, client);
    }
  }

  private void connect(long id, Socket client) {
    Socket node = new Socket();
    try {
      client.setTcpNoDelay(true);
      node.setTcpNoDelay(true);
      node.connect(upstream, UPSTREAM_CONNECT_TIMEOUT_MILLIS);
      ProxyConnection[] self = new ProxyConnection[1];
      ProxyConnection c = new ProxyConnection(id, client, node, name + "-c" + id, timers, newUpstream,
          newDownstream, () -> open.remove(self[0]));
      self[0] = c;
      open.add(c);
      if (closed.get()) {
        c.close();
        return;
      }
      c.start();
    } catch (IOException e) {
      // The node is down: the client sees a reset, as from a node that refuses the connection.
      log.debug("{} cannot reach {} for connection {}: {}", name, upstream, id, e.getMessage());
      resetAndClose(client);
      try {
        node.close();
      } catch (IOException ignored) {
        log.trace("closing an unconnected socket", ignored);
      }
    }
  }

  private static void resetAndClose(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
      socket.close();
    } catch (IOException e) {
      log.debug("resetting a refused connection: {}", e.getMessage());
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  @Override
  public String toString() {
    return name + " -> " + upstream;
  }
}
