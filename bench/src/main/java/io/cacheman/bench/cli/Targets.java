package io.cacheman.bench.cli;

import io.cacheman.bench.server.BenchServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The servers of a comparison: each distinct one is started once and kept for all rounds, and a
 * server is preloaded again only when a run needs contents it does not hold yet.
 *
 * <p>Over several nodes each client places the keys by its own hashing, so the placements of
 * different clients are kept side by side (same keys and values, other nodes) rather than loaded
 * again on every change of client: a run straight after its own preload measured 1.3-1.8x the
 * client CPU per request of the same build's next run (16 threads over 50 memcached nodes), so
 * reloading each round taxed every configuration that followed a client with other hashing. The
 * nodes need room for every client's placement (the node-count curve runs them with {@code -m 64}).
 */
final class Targets implements AutoCloseable {
  private final Map<String, BenchServer> servers = new LinkedHashMap<>();
  private final Map<BenchServer, String> contentsOf = new HashMap<>(); // keys and values last stored
  private final Map<BenchServer, Set<String>> placedBy = new HashMap<>(); // routings holding them

  /** The server {@code options} target, started on first use. */
  BenchServer get(RunOptions options) throws Exception {
    String key = options.targetKey();
    BenchServer server = servers.get(key);
    if (server == null) {
      server = options.startTarget();
      servers.put(key, server);
    }
    return server;
  }

  /**
   * Whether {@code server} must be preloaded for {@code options}: not if it holds the same keys and
   * values already, placed the way this client routes them (clients route alike to a single server).
   * Compressed values are stored in each client's own form under the same keys, so a change of client
   * makes every placement stale.
   */
  boolean needsPreload(BenchServer server, RunOptions options) {
    String routing = server.addresses().size() == 1 ? "single" : options.client.cliName();
    String contents = options.keys + "/" + options.valueSize + (options.compressionThreshold == 0 ? ""
        : "/compressed from " + options.compressionThreshold + " bytes by " + options.client.cliName());
    if (!contents.equals(contentsOf.put(server, contents))) {
      placedBy.put(server, new HashSet<>()); // other values under the same keys: every placement is stale
    }
    return placedBy.get(server).add(routing);
  }

  @Override
  public void close() {
    List<BenchServer> all = new ArrayList<>(servers.values());
    all.forEach(BenchServer::close);
  }
}
