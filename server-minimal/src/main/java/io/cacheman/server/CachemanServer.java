package io.cacheman.server;

import io.cacheman.server.internal.net.NioServer;
import io.cacheman.server.internal.protocol.NodeContext;
import io.cacheman.server.internal.security.Credentials;
import io.cacheman.server.internal.security.TlsContext;
import io.cacheman.server.internal.stats.ServerStats;
import io.cacheman.server.internal.stats.StatsMBean;
import io.cacheman.server.internal.store.ItemStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running cache node speaking the memcached text protocol.
 *
 * <pre>{@code
 * try (CachemanServer server = CachemanServer.start(ServerConfig.builder().port(0).build())) {
 *   int port = server.port(); // connect any memcached client to 127.0.0.1:port
 * }
 * }</pre>
 *
 * <h2>Lifecycle</h2>
 * {@link #start} returns once the port is bound and serving. {@link #close} stops accepting,
 * finishes writing the replies owed to connected clients (for up to 5 seconds), closes every
 * socket and ends every thread; it is idempotent. Starting and closing many nodes in one JVM
 * leaks no threads or file descriptors.
 *
 * <h2>Threads</h2>
 * One acceptor thread and {@link ServerConfig#threads()} event loop threads, all daemon threads
 * named {@code cacheman-<port>-...}. If one of them dies (an {@link Error} such as {@code
 * OutOfMemoryError}), the node logs it and closes; the command line exits with status 3. The node logs through slf4j only, at DEBUG for its own start
 * and stop and never per connection above DEBUG.
 *
 * <h2>Monitoring</h2>
 * Besides the {@code stats} command, each node registers an MBean named {@code
 * io.cacheman:type=CachemanServer,port=<port>} with one attribute per stat, removed on close.
 */
public final class CachemanServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CachemanServer.class);
  private static final String VERSION = loadVersion();
  /** The memcached release whose text protocol this node speaks; clients test the version. */
  private static final String PROTOCOL_VERSION = "1.6.18";

  private final ServerConfig config;
  private final ItemStore store;
  private final NodeContext node;
  private final NioServer net;
  private final ObjectName mbeanName;
  private final TlsContext tls;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final AtomicReference<Thread> closer = new AtomicReference<>();

  private CachemanServer(ServerConfig config, Consumer<Throwable> onFatal) throws IOException {
    this.config = config;
    // files first: a bad certificate or auth file must fail before anything is allocated
    this.tls = config.tls() == null ? null : TlsContext.load(config.tls());
    Credentials credentials = config.authFile() == null ? null
        : Credentials.load(config.authFile());
    ServerStats stats = new ServerStats();
    this.store = new ItemStore(config.memoryLimitBytes(), config.maxItemSize(),
        config.eviction(), config.clock(), stats);
    NioServer[] holder = new NioServer[1];
    String reported = PROTOCOL_VERSION + "-cacheman-" + VERSION;
    this.node = new NodeContext(store, stats, config, reported,
        () -> holder[0] == null ? 0 : holder[0].currentConnections(), tls, credentials);
    this.net = new NioServer(config, node, store, stats,
        onFatal != null ? onFatal : this::stopAfterFatalError);
    holder[0] = net;
    this.mbeanName = registerMBean();
  }

  /**
   * Starts a node and returns once it accepts connections.
   *
   * @throws UncheckedIOException when the address cannot be bound (for example, port in use)
   * @throws IllegalArgumentException when a TLS or auth file cannot be used (one sentence)
   */
  public static CachemanServer start(ServerConfig config) {
    return start(config, null);
  }

  /**
   * Starts a node whose fatal errors (a node thread dying of an {@link Error}) go to {@code
   * onFatal}; null for the library's default, which logs the error and closes the node.
   */
  static CachemanServer start(ServerConfig config, Consumer<Throwable> onFatal) {
    try {
      CachemanServer server = new CachemanServer(config, onFatal);
      LOG.debug("cache node listening on {} ({})", server.address(), config);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + config.listenAddress() + ":"
          + config.port() + ": " + e.getMessage(), e);
    }
  }

  /** The port the node listens on (the ephemeral one chosen when configured with port 0). */
  public int port() {
    return net.address().getPort();
  }

  /** The address and port the node listens on. */
  public InetSocketAddress address() {
    return net.address();
  }

  /**
   * Reads the TLS certificate and key files again, as the {@code refresh_certs} command and
   * SIGHUP do: connections opened from now on use them. Returns null on success, or why the
   * files were not taken (the certificates loaded before stay in use).
   *
   * @throws IllegalStateException when the node runs without TLS
   */
  public String reloadCertificates() {
    if (tls == null) {
      throw new IllegalStateException("TLS is not enabled on this node");
    }
    return tls.reload();
  }

  /** The configuration the node runs with. */
  public ServerConfig config() {
    return config;
  }

  /**
   * The Cacheman release. The {@code version} command answers {@code VERSION
   * 1.6.18-cacheman-<release>}: clients such as libmemcached pick protocol behaviour from the
   * leading memcached version, and this node behaves as memcached 1.6.18 does.
   */
  public static String version() {
    return VERSION;
  }

  /**
   * Stops the node gracefully: stop accepting, write the replies owed, close every connection.
   * Idempotent; a second call waits for the first to finish.
   */
  @Override
  public void close() {
    if (!closer.compareAndSet(null, Thread.currentThread())) {
      awaitClosed();
      return;
    }
    try {
      net.close();
      unregisterMBean();
      LOG.debug("cache node on port {} stopped", port());
    } finally {
      closed.countDown();
    }
  }

  /**
   * An embedded node whose thread died stops serving rather than linger half alive: it logs why
   * and closes (from a new thread, as the dying one may be one that close waits for).
   */
  private void stopAfterFatalError(Throwable error) {
    LOG.error("cache node on port {} stops: {}", port(), error.getMessage(), error.getCause());
    Thread stopper = new Thread(this::close, "cacheman-" + port() + "-fatal-stop");
    stopper.setDaemon(true);
    stopper.start();
  }

  /** Blocks until {@link #close} has completed. */
  void awaitClosed() {
    boolean interrupted = false;
    while (true) {
      try {
        closed.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** A snapshot of the {@code stats} counters. */
  Map<String, Object> stats() {
    return node.statsSnapshot();
  }

  ItemStore store() {
    return store;
  }

  private ObjectName registerMBean() {
    MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
    String base = "io.cacheman:type=CachemanServer,port=" + port();
    try {
      ObjectName name = new ObjectName(base);
      if (mbeans.isRegistered(name)) {
        // Same port on another address: tell them apart by address.
        name = new ObjectName(base + ",address=" + ObjectName.quote(address().getHostString()));
      }
      mbeans.registerMBean(new StatsMBean(node::statsSnapshot), name);
      return name;
    } catch (JMException e) {
      LOG.warn("stats of the node on port {} are not available over JMX: {}", port(),
          e.toString());
      return null;
    }
  }

  private void unregisterMBean() {
    if (mbeanName == null) {
      return;
    }
    try {
      ManagementFactory.getPlatformMBeanServer().unregisterMBean(mbeanName);
    } catch (JMException e) {
      LOG.debug("MBean {} was already gone: {}", mbeanName, e.toString());
    }
  }

  private static String loadVersion() {
    try (InputStream in = CachemanServer.class.getResourceAsStream("version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "0.0.0-dev");
    } catch (IOException e) {
      // The resource is inside our own jar; failing to read it only loses the version string.
      LOG.debug("cannot read version.properties: {}", e.toString());
      return "0.0.0-dev";
    }
  }
}
