package io.cacheman.testing;

import io.cacheman.server.CachemanServer;
import io.cacheman.server.ServerConfig;

/** server-minimal, embedded in the test JVM; restarts on the same port. */
public final class MinimalServer implements Backend {
  private final ServerConfig.Builder config;
  private int port;
  private CachemanServer server;

  private MinimalServer(ServerConfig.Builder config) {
    this.config = config;
  }

  /** Starts a node on a free port. */
  public static MinimalServer launch() {
    return launch(ServerConfig.builder().threads(2));
  }

  /** Starts a node with {@code config} on a free port. */
  public static MinimalServer launch(ServerConfig.Builder config) {
    MinimalServer node = new MinimalServer(config);
    node.start();
    return node;
  }

  @Override
  public String name() {
    return "server-minimal";
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public synchronized void start() {
    server = CachemanServer.start(config.port(port).build());
    port = server.port();
  }

  @Override
  public synchronized void kill() {
    close();
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.close();
      server = null;
    }
  }
}
