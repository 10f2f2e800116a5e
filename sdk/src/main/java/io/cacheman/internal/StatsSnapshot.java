package io.cacheman.internal;

import io.cacheman.ClientStats;
import io.cacheman.NodeState;
import io.cacheman.NodeStats;
import io.cacheman.internal.node.Node;
import io.cacheman.internal.stats.NodeCounters;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Histogram;

/** Builds a {@link ClientStats}: one snapshot per node of the current node list, and their total. */
final class StatsSnapshot {
  private StatsSnapshot() {}

  static ClientStats of(List<Node> nodes) {
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
}
