package io.cacheman.samples;

import io.cacheman.config.NodeAddress;
import io.cacheman.server.CachemanServer;
import io.cacheman.server.ServerConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * A few {@code server-minimal} nodes running inside this JVM on loopback: the demo's cluster, and
 * the one the samples' tests run against. Nothing to install; {@link #close()} stops them all.
 */
public final class LocalCluster implements AutoCloseable {
  private final List<NodeAddress> addresses;
  private final CachemanServer[] servers;

  private LocalCluster(List<NodeAddress> addresses) {
    this.addresses = List.copyOf(addresses);
    this.servers = new CachemanServer[addresses.size()];
  }

  /** Starts one node per address (host must be a loopback address, port free). */
  public static LocalCluster start(List<NodeAddress> addresses) {
    LocalCluster cluster = new LocalCluster(addresses);
    try {
      for (int i = 0; i < addresses.size(); i++) {
        cluster.startNode(i);
      }
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /** Starts {@code count} nodes on free loopback ports. */
  public static LocalCluster startOnFreePorts(int count) {
    List<NodeAddress> addresses = new ArrayList<>();
    List<CachemanServer> started = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      CachemanServer server = CachemanServer.start(nodeConfig(0));
      started.add(server);
      addresses.add(NodeAddress.of("127.0.0.1", server.port()));
    }
    LocalCluster cluster = new LocalCluster(addresses);
    for (int i = 0; i < count; i++) {
      cluster.servers[i] = started.get(i);
    }
    return cluster;
  }

  /** The nodes, in start order, as a client names them. */
  public List<NodeAddress> nodes() {
    return addresses;
  }

  /** Stops node {@code index} (as if its machine died); {@link #restart} brings it back on the same port. */
  public void stop(int index) {
    CachemanServer server = servers[index];
    servers[index] = null;
    if (server != null) {
      server.close();
    }
  }

  /** Starts node {@code index} again, empty, on its old port. */
  public void restart(int index) {
    if (servers[index] == null) {
      startNode(index);
    }
  }

  /** Whether node {@code index} is running. */
  public boolean isRunning(int index) {
    return servers[index] != null;
  }

  private void startNode(int index) {
    NodeAddress address = addresses.get(index);
    ServerConfig config = ServerConfig.builder()
        .listenAddress(address.host())
        .port(address.port())
        .memoryLimitBytes(64L << 20)
        .threads(1)
        .build();
    servers[index] = CachemanServer.start(config);
  }

  private static ServerConfig nodeConfig(int port) {
    return ServerConfig.builder().port(port).memoryLimitBytes(64L << 20).threads(1).build();
  }

  @Override
  public void close() {
    for (int i = 0; i < servers.length; i++) {
      stop(i);
    }
  }
}
