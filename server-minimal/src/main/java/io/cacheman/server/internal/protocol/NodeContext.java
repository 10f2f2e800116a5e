package io.cacheman.server.internal.protocol;

import io.cacheman.server.ServerConfig;
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
  private volatile int port;
  private volatile int verbosity;
  private volatile boolean accepting = true;

  public NodeContext(ItemStore store, ServerStats stats, ServerConfig config, String version,
      IntSupplier currentConnections) {
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
