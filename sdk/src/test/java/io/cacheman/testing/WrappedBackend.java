package io.cacheman.testing;

/** A node started by another {@link Backend}, with something added: the client settings it needs. */
abstract class WrappedBackend implements Backend {
  final Backend node;

  WrappedBackend(Backend node) {
    this.node = node;
  }

  @Override
  public int port() {
    return node.port();
  }

  @Override
  public void start() {
    node.start();
  }

  @Override
  public void kill() {
    node.kill();
  }

  @Override
  public void close() {
    node.close();
  }
}
