package io.cacheman.reliability.scenario;

import io.cacheman.config.NodeAddress;
import io.cacheman.reliability.node.NodeProcess;
import io.cacheman.reliability.node.NodeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The node processes a scenario class shares: server-minimal with 32 MB and one event loop each,
 * started side by side (each is a JVM start). Kills them all on {@link #close()}, by their own PIDs.
 */
final class NodeProcesses implements AutoCloseable {
  private final List<NodeProcess> nodes = new ArrayList<>();

  private NodeProcesses() {}

  /** Starts {@code n} nodes at once and returns when every one answers. */
  static NodeProcesses start(int n) {
    NodeSpec spec = NodeSpec.serverMinimal().withMemoryMb(32).withThreads(1);
    List<CompletableFuture<NodeProcess>> starting = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      starting.add(CompletableFuture.supplyAsync(() -> NodeProcess.start(spec)));
    }
    NodeProcesses started = new NodeProcesses();
    starting.forEach(f -> started.nodes.add(f.join()));
    return started;
  }

  NodeProcess get(int i) {
    return nodes.get(i);
  }

  /** Their loopback addresses, in order: the client's node list. */
  List<NodeAddress> addresses() {
    return nodes.stream().map(n -> NodeAddress.of("127.0.0.1", n.port())).toList();
  }

  /** Restarts (empty) any node an earlier test left dead, so each test starts with all of them. */
  void restartDead() {
    for (NodeProcess n : nodes) {
      if (!n.isAlive()) {
        n.restart();
      }
    }
  }

  @Override
  public void close() {
    nodes.forEach(NodeProcess::close);
  }
}
