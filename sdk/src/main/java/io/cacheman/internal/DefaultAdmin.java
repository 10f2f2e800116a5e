package io.cacheman.internal;

import io.cacheman.CacheAdmin;
import io.cacheman.ClientListener;
import io.cacheman.ClientStats;
import io.cacheman.NodeMetrics;
import io.cacheman.NodeState;
import io.cacheman.NodeStats;
import io.cacheman.config.CachemanConfig;
import io.cacheman.internal.node.Node;
import io.cacheman.internal.pipeline.Outcome;
import io.cacheman.internal.protocol.StatsCommand;
import io.cacheman.internal.stats.NodeCounters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Histogram;

/** The administrative side of a client: statistics, routing, live settings, listeners. */
final class DefaultAdmin implements CacheAdmin {
  /** How often {@link #awaitConnected} looks: a call made once, at start. */
  private static final long CONNECT_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final Client client;

  DefaultAdmin(Client client) {
    this.client = client;
  }

  @Override
  public String name() {
    return client.name;
  }

  /** One snapshot per node of the current node list, and their total. */
  @Override
  public ClientStats stats() {
    List<Node> nodes = client.membership.current().nodes();
    List<NodeStats> perNode = new ArrayList<>(nodes.size());
    Histogram latency = new Histogram(2);
    NodeState best = NodeState.OUT;
    for (Node node : nodes) {
      Histogram own = node.counters.latencySnapshot();
      latency.add(own);
      NodeStats s = node.counters.snapshot(node.id, node.health.state(), node.pool.inFlight(),
          node.health.transitions(), own);
      perNode.add(s);
      if (s.state() == NodeState.UP || (s.state() == NodeState.PROBING && best == NodeState.OUT)) {
        best = s.state();
      }
    }
    NodeStats total = NodeCounters.stats("*", best, sum(perNode, NodeStats::operations), sum(perNode, NodeStats::hits),
        sum(perNode, NodeStats::misses), sum(perNode, NodeStats::errors), sum(perNode, NodeStats::timeouts),
        sum(perNode, NodeStats::rejected), (int) sum(perNode, NodeStats::inFlight), sum(perNode, NodeStats::reconnects),
        sum(perNode, NodeStats::breakerTransitions), latency);
    return new ClientStats(perNode, total);
  }

  private static long sum(List<NodeStats> stats, ToLongFunction<NodeStats> field) {
    return stats.stream().mapToLong(field).sum();
  }

  @Override
  public Map<String, Map<String, String>> serverStats() {
    List<Node> nodes = client.membership.current().nodes();
    List<StatsCommand> commands = nodes.stream().map(node -> new StatsCommand("")).toList();
    List<Outcome<Map<String, String>>> outcomes =
        client.blocking.callEach(nodes, commands, client.blocking.newDeadline()).toCompletableFuture().join();
    Map<String, Map<String, String>> byNode = new LinkedHashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      Outcome<Map<String, String>> outcome = outcomes.get(i);
      byNode.put(nodes.get(i).id, outcome.failure() == null ? outcome.value() : Map.of());
    }
    return byNode;
  }

  @Override
  public String nodeFor(String key) {
    Node node = client.membership.current().route(client.keys.encode(key));
    return node == null ? null : node.id;
  }

  @Override
  public List<NodeMetrics> nodes() {
    return List.copyOf(client.membership.current().nodes());
  }

  @Override
  public void reconfigure(CachemanConfig config) {
    client.reconfigure(Objects.requireNonNull(config, "config"), "reconfigure()");
  }

  @Override
  public CachemanConfig config() {
    return client.config();
  }

  @Override
  public boolean awaitConnected(Duration timeout) {
    long deadline = client.clock.nanoTime() + timeout.toNanos();
    while (!client.membership.current().nodes().stream().allMatch(node -> node.pool.openConnections() > 0)) {
      if (client.clock.nanoTime() - deadline >= 0 || Thread.currentThread().isInterrupted() || !client.isOpen()) {
        return false;
      }
      LockSupport.parkNanos(this, CONNECT_CHECK_NANOS);
    }
    return true;
  }

  @Override
  public boolean isOpen() {
    return client.isOpen();
  }

  @Override
  public void addListener(ClientListener listener) {
    client.membership.addListener(Objects.requireNonNull(listener, "listener"));
  }

  @Override
  public void removeListener(ClientListener listener) {
    client.membership.removeListener(listener);
  }
}
