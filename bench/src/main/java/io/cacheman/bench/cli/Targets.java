package io.cacheman.bench.cli;

import io.cacheman.bench.server.BenchServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The servers of a comparison: each distinct one is started once and kept for all rounds, and a
 * server is preloaded again only when a run needs different contents than the last preload left.
 */
final class Targets implements AutoCloseable {
  private final Map<String, BenchServer> servers = new LinkedHashMap<>();
  private final Map<BenchServer, String> preloadedFor = new HashMap<>();

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
   * Whether {@code server} must be preloaded for {@code options}: not if the last preload stored
   * the same keys and values, routed the same way (clients route alike to a single server).
   */
  boolean needsPreload(BenchServer server, RunOptions options) {
    String routing = server.addresses().size() == 1 ? "single" : options.client.cliName();
    String contents = options.keys + "/" + options.valueSize + "/" + routing;
    return !contents.equals(preloadedFor.put(server, contents));
  }

  @Override
  public void close() {
    List<BenchServer> all = new ArrayList<>(servers.values());
    all.forEach(BenchServer::close);
  }
}
