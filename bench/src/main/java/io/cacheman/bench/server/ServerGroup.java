package io.cacheman.bench.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Several servers of one spec, each on its own free port, targeted together as the nodes of one
 * cluster (a run's {@code --nodes N}). Each is started and stopped by its own handle.
 */
public final class ServerGroup implements BenchServer {
  private final List<BenchServer> nodes;

  private ServerGroup(List<BenchServer> nodes) {
    this.nodes = List.copyOf(nodes);
  }

  /**
   * Starts {@code count} servers of {@code spec}: the server itself when {@code count} is 1, so a
   * single node reads exactly as before.
   *
   * @throws IOException when one cannot be started; those already started are stopped again
   */
  public static BenchServer start(ServerSpec spec, int count) throws IOException, InterruptedException {
    if (count < 1 || count > 256) {
      throw new IllegalArgumentException("nodes must be 1..256, was " + count);
    }
    if (count == 1) {
      return spec.start();
    }
    List<BenchServer> started = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        started.add(spec.start());
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      started.forEach(BenchServer::close);
      throw e;
    }
    return new ServerGroup(started);
  }

  @Override
  public List<InetSocketAddress> addresses() {
    List<InetSocketAddress> all = new ArrayList<>();
    nodes.forEach(n -> all.addAll(n.addresses()));
    return all;
  }

  /** No single process: a group has one per node. */
  @Override
  public OptionalLong pid() {
    return OptionalLong.empty();
  }

  @Override
  public String describe() {
    return nodes.size() + " nodes: " + String.join("; ", nodes.stream().map(BenchServer::describe).toList());
  }

  @Override
  public void close() {
    nodes.forEach(BenchServer::close);
  }
}
