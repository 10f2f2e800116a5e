package io.cacheman.spring;

import io.cacheman.testing.MinimalServer;
import java.util.List;
import java.util.stream.Collectors;

/** Three server-minimal nodes in the test JVM, on free ports. */
final class ThreeNodes implements AutoCloseable {
  final List<MinimalServer> servers = List.of(MinimalServer.launch(), MinimalServer.launch(), MinimalServer.launch());

  /** The value of {@code cacheman.nodes}. */
  String nodes() {
    return servers.stream().map(s -> s.address().id()).collect(Collectors.joining(","));
  }

  @Override
  public void close() {
    servers.forEach(MinimalServer::close);
  }
}
