package io.cacheman.testing;

import io.cacheman.server.CachemanServer;
import io.cacheman.server.ServerConfig;

/** server-minimal, embedded in the test JVM; restarts on the same port. */
public final class MinimalServer implements Backend {
  private int port;
  private CachemanServer server;

  private MinimalServer() {}

  /** Starts a node on a free port. */
  public static MinimalServer launch() {
    MinimalServer node = new MinimalServer();
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
    server = CachemanServer.start(ServerConfig.builder().port(port).threads(2).build());
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
