package io.cacheman.server.internal.protocol;

import io.cacheman.server.ServerConfig;
import io.cacheman.server.internal.security.Credentials;
import io.cacheman.server.internal.security.TlsContext;
import io.cacheman.server.internal.store.ItemStore;
import io.cacheman.server.internal.stats.ServerStats;
import java.util.Map;
import java.util.function.IntSupplier;

/** What every connection of one node shares: the store, the counters and node-wide facts. */
public final class NodeContext {
  final ItemStore store;
  final ServerStats stats;
  final ServerConfig config;
  final String version;
  final byte[] versionReply;
  final long startedAtSeconds;
  private final IntSupplier currentConnections;
  /** Users of the {@code -Y} gate, or null when connections need no authentication. */
  final Credentials credentials;
  private final TlsContext tls;
  private volatile int port;
  private volatile int verbosity;
  private volatile boolean accepting = true;

  public NodeContext(ItemStore store, ServerStats stats, ServerConfig config, String version,
      IntSupplier currentConnections) {
    this(store, stats, config, version, currentConnections, null, null);
  }

  /** A node whose connections use TLS and/or must authenticate (either may be null). */
  public NodeContext(ItemStore store, ServerStats stats, ServerConfig config, String version,
      IntSupplier currentConnections, TlsContext tls, Credentials credentials) {
    this.tls = tls;
    this.credentials = credentials;
    this.store = store;
    this.stats = stats;
    this.config = config;
    this.version = version;
    this.versionReply = Words.ascii("VERSION " + version + "\r\n");
    this.startedAtSeconds = store.nowSeconds();
    this.currentConnections = currentConnections;
  }

  /** A snapshot of {@code stats}: memcached's names mapped to numbers (and the version). */
  public Map<String, Object> statsSnapshot() {
    return new StatsReport(this).general();
  }

  /** The TLS context new connections take their engine from, or null for plaintext. */
  public TlsContext tls() {
    return tls;
  }

  /** Records the port actually bound (the configured one may be 0). */
  public void port(int port) {
    this.port = port;
  }

  int port() {
    return port;
  }

  int currentConnections() {
    return currentConnections.getAsInt();
  }

  /** Whether the acceptor is accepting connections ({@code accepting_conns}). */
  public void accepting(boolean accepting) {
    this.accepting = accepting;
  }

  boolean accepting() {
    return accepting;
  }

  int verbosity() {
    return verbosity;
  }

  void verbosity(int level) {
    this.verbosity = level;
  }
}
