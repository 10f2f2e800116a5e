package io.cacheman.internal;

import io.cacheman.CachemanException;
import io.cacheman.ClientListener;
import io.cacheman.NodeMetrics;
import io.cacheman.config.CachemanConfig;
import io.cacheman.config.NodeAddress;
import io.cacheman.internal.node.Node;
import io.cacheman.internal.node.NodeDrain;
import io.cacheman.internal.node.NodeFactory;
import io.cacheman.internal.routing.Topology;
import io.cacheman.internal.stats.JmxExporter;
import io.cacheman.internal.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The nodes of one client over its life: the current {@link Topology}, the nodes still draining
 * after they left it, their JMX beans and who wants to hear about changes.
 *
 * <h2>Swapping the node list</h2>
 * {@link #swap} builds the new topology beside the old one, carrying over the nodes listed in both
 * as they are (connections, breaker, counters) and starting new ones in the background, then
 * publishes it with one volatile write: requests already sent finish on the routes they read, new
 * ones take the new routes. Nodes that left are retired (no new routes, no probes) and drained:
 * their connections close once empty, or one operation timeout later.
 *
 * <h2>Threading</h2>
 * {@link #current()} is a volatile read on the request path; changes and close are serialised here.
 */
final class Membership {
  private final String client;
  private final NodeFactory factory;
  private final JmxExporter jmx;
  private final Clock clock;
  private final long drainTimeoutNanos;
  private final Set<Node> draining = ConcurrentHashMap.newKeySet();
  private final List<ClientListener> listeners = new CopyOnWriteArrayList<>();
  private volatile Topology current;
  private boolean closed;

  Membership(String client, CachemanConfig config, NodeFactory factory, JmxExporter jmx, Clock clock,
      long drainTimeoutNanos) {
    this.client = client;
    this.factory = factory;
    this.jmx = jmx;
    this.clock = clock;
    this.drainTimeoutNanos = drainTimeoutNanos;
    this.current = new Topology(config, config.nodes().stream().map(factory::create).toArray(Node[]::new));
  }

  /** Starts connecting to the first node list and exports its beans. */
  synchronized void start() {
    current.nodes().forEach(this::startNode);
  }

  Topology current() {
    return current;
  }

  /** What a swap changed: the nodes that joined and those that left. */
  record Swap(List<Node> added, List<Node> removed) {}

  /** Makes {@code config}'s node list and routing the current ones. */
  synchronized Swap swap(CachemanConfig config) {
    if (closed) {
      throw new CachemanException("reconfigure: the client is closed");
    }
    Topology old = current;
    Node[] nodes = new Node[config.nodes().size()];
    List<Node> added = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < nodes.length; i++) {
      NodeAddress address = config.nodes().get(i);
      ids.add(address.id());
      Node kept = old.byId(address.id());
      if (kept == null) {
        kept = factory.create(address);
        added.add(kept);
      }
      nodes[i] = kept;
    }
    List<Node> removed = old.nodes().stream().filter(node -> !ids.contains(node.id)).toList();
    for (Node node : removed) {
      node.retire();
      jmx.unexport(client, node.id);
      draining.add(node);
    }
    added.forEach(this::startNode);
    current = new Topology(config, nodes);
    for (Node node : removed) {
      NodeDrain.start(node, clock, drainTimeoutNanos, draining::remove);
    }
    List<NodeMetrics> joined = List.copyOf(added);
    List<NodeMetrics> left = List.copyOf(removed);
    listeners.forEach(listener -> listener.nodesChanged(joined, left));
    return new Swap(added, removed);
  }

  /** Requests in flight on every node, those draining included. */
  int inFlight() {
    return Stream.concat(current.nodes().stream(), draining.stream()).mapToInt(node -> node.pool.inFlight()).sum();
  }

  void addListener(ClientListener listener) {
    listeners.add(listener);
  }

  void removeListener(ClientListener listener) {
    listeners.remove(listener);
  }

  /** Stops probing and closes every connection (failing what is still pending); unexports the beans. */
  synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<Node> all = new ArrayList<>(current.nodes());
    all.addAll(draining);
    draining.clear();
    all.forEach(Node::close);
    jmx.close();
    listeners.forEach(ClientListener::clientClosed);
  }

  private void startNode(Node node) {
    node.pool.start();
    jmx.export(client, node.id, node::snapshot);
  }
}
