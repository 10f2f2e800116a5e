package io.cacheman.testing;

import io.cacheman.config.CachemanConfig;
import io.cacheman.config.Protocol;

/** A node the client talks to in the meta protocol ({@code cacheman.protocol = meta}, or auto). */
public final class MetaSpeaking implements Backend {
  private final Backend node;
  private final Protocol protocol;

  public MetaSpeaking(Backend node) {
    this(node, Protocol.META);
  }

  public MetaSpeaking(Backend node, Protocol protocol) {
    this.node = node;
    this.protocol = protocol;
  }

  @Override
  public CachemanConfig.Builder clientSettings(CachemanConfig.Builder config) {
    return node.clientSettings(config).protocol(protocol);
  }

  @Override
  public String name() {
    return node.name() + " (meta)";
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
