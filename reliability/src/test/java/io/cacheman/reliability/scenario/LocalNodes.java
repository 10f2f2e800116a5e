package io.cacheman.reliability.scenario;

import io.cacheman.config.CachemanConfig;
import io.cacheman.config.Hashing;
import io.cacheman.config.NodeAddress;
import io.cacheman.reliability.proxy.FaultProxy;
import io.cacheman.server.CachemanServer;
import io.cacheman.server.ServerConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * In-process server-minimal nodes for scenario tests, each behind its own {@link FaultProxy}, and
 * the client settings that point at the proxies. Closes everything it started.
 */
final class LocalNodes implements AutoCloseable {
  /** The scenario defaults: deadlines short enough to test in seconds, long enough for a loaded machine. */
  static final Duration OP_TIMEOUT = Duration.ofMillis(250);
  static final Duration RETRY_INTERVAL = Duration.ofMillis(500);
  static final int FAILURE_THRESHOLD = 3;

  private final List<CachemanServer> servers = new ArrayList<>();
  private final List<FaultProxy> proxies = new ArrayList<>();
  private final UnaryOperator<ServerConfig.Builder> tune;

  private LocalNodes(UnaryOperator<ServerConfig.Builder> tune) {
    this.tune = tune;
  }

  /** {@code n} nodes of 32 MB with one event loop each, behind proxies. */
  static LocalNodes start(int n) {
    return start(n, b -> b);
  }

  /** {@code n} nodes, their settings adjusted by {@code tune}, behind proxies. */
  static LocalNodes start(int n, UnaryOperator<ServerConfig.Builder> tune) {
    LocalNodes nodes = new LocalNodes(tune);
    try {
      for (int i = 0; i < n; i++) {
        CachemanServer server = nodes.startServer(0);
        nodes.servers.add(server);
        nodes.proxies.add(FaultProxy.start(new InetSocketAddress("127.0.0.1", server.port())));
      }
      return nodes;
    } catch (RuntimeException e) {
      nodes.close();
      throw e;
    }
  }

  private CachemanServer startServer(int port) {
    return CachemanServer.start(tune.apply(ServerConfig.builder().port(port).memoryLimitBytes(32L << 20)
        .threads(1)).build());
  }

  CachemanServer server(int i) {
    return servers.get(i);
  }

  FaultProxy proxy(int i) {
    return proxies.get(i);
  }

  int size() {
    return servers.size();
  }

  /** The address clients use for node {@code i}: its proxy. */
  NodeAddress address(int i) {
    return NodeAddress.of("127.0.0.1", proxies.get(i).port());
  }

  /** The node id ({@code host:port}) the client reports node {@code i} under. */
  String id(int i) {
    return address(i).id();
  }

  /** Stops node {@code i} and starts a new, empty one on the same port (behind the same proxy). */
  void restart(int i) {
    int port = servers.get(i).port();
    servers.get(i).close();
    servers.set(i, startServer(port));
  }

  /**
   * Client settings for every node, through the proxies: ketama, {@link #OP_TIMEOUT}, the same
   * connect timeout, {@link #RETRY_INTERVAL}, {@link #FAILURE_THRESHOLD}, no compression (values
   * are checked byte for byte).
   */
  CachemanConfig.Builder config() {
    List<NodeAddress> addresses = new ArrayList<>();
    for (int i = 0; i < proxies.size(); i++) {
      addresses.add(address(i));
    }
    return CachemanConfig.builder().nodes(addresses).hashing(Hashing.KETAMA).operationTimeout(OP_TIMEOUT)
        .connectTimeout(OP_TIMEOUT).retryInterval(RETRY_INTERVAL).failureThreshold(FAILURE_THRESHOLD)
        .compressionThreshold(0);
  }

  @Override
  public void close() {
    proxies.forEach(FaultProxy::close);
    servers.forEach(CachemanServer::close);
  }
}
