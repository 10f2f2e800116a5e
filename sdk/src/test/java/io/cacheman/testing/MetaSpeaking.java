package io.cacheman.testing;

import io.cacheman.config.CachemanConfig;
import io.cacheman.config.Protocol;

/** A node the client talks to in the meta protocol ({@code cacheman.protocol = meta}, or auto). */
public final class MetaSpeaking extends WrappedBackend {
  private final Protocol protocol;

  public MetaSpeaking(Backend node) {
    this(node, Protocol.META);
  }

  public MetaSpeaking(Backend node, Protocol protocol) {
    super(node);
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
}
