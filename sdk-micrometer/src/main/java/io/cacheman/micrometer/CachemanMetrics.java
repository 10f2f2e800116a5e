package io.cacheman.micrometer;

import io.cacheman.CacheAdmin;
import io.cacheman.ClientListener;
import io.cacheman.NodeMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Micrometer meters for a Cacheman client, one set per node, tagged {@code client} (the client's
 * name, {@code cacheman-<n>}) and {@code node} ({@code host:port}):
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>what</th></tr>
 *   <tr><td>{@code cacheman.client.requests}</td><td>function counter</td><td>{@code outcome}:
 *       success, error, timeout, rejected</td><td>requests to the node by how they ended</td></tr>
 *   <tr><td>{@code cacheman.client.gets}</td><td>function counter</td><td>{@code result}: hit, miss</td>
 *       <td>keys looked up by get-type operations</td></tr>
 *   <tr><td>{@code cacheman.client.latency}</td><td>function timer</td><td></td>
 *       <td>count and total time from sending a request to its reply or failure</td></tr>
 *   <tr><td>{@code cacheman.client.in.flight}</td><td>gauge</td><td></td><td>requests not yet answered</td></tr>
 *   <tr><td>{@code cacheman.client.reconnects}</td><td>function counter</td><td></td>
 *       <td>connections re-established after a drop</td></tr>
 *   <tr><td>{@code cacheman.client.breaker.state}</td><td>gauge</td><td>{@code state}: up, out, probing</td>
 *       <td>1 for the node's current routing state, 0 for the others</td></tr>
 *   <tr><td>{@code cacheman.client.breaker.transitions}</td><td>function counter</td><td></td>
 *       <td>circuit breaker state changes</td></tr>
 *   <tr><td>{@code cacheman.client.nodes}</td><td>gauge</td><td>(no {@code node} tag)</td>
 *       <td>nodes in the client's node list</td></tr>
 * </table>
 *
 * <pre>{@code
 * Cache<Object> cache = Cacheman.open();
 * new CachemanMetrics(cache.admin()).bindTo(registry);
 * }</pre>
 *
 * <p>The meters read the client's own counters when the registry asks, so they cost nothing on the
 * request path. They follow the node list: when it changes ({@link CacheAdmin#reconfigure}, or an edit of
 * the watched file) the meters of new nodes appear and those of removed nodes are removed; when the
 * client closes all of its meters are removed. Thread-safe; binding to several registries is fine.
 *
 * <p>Micrometer is an optional dependency of the SDK: add {@code io.micrometer:micrometer-core} to
 * use this class. Nothing else in the SDK refers to it, and it reads the client only through the
 * public {@link CacheAdmin}, {@link NodeMetrics} and {@link ClientListener}.
 */
public final class CachemanMetrics implements MeterBinder {
  private final CacheAdmin client;
  private final Tags tags;
  private final Map<MeterRegistry, Map<String, NodeMeters>> bound = new LinkedHashMap<>();
  private final Map<MeterRegistry, Meter> nodeCounts = new HashMap<>();
  private boolean listening;

  /** Meters for the client {@code admin} belongs to ({@code cache.admin()} of any view). */
  public CachemanMetrics(CacheAdmin admin) {
    this(admin, Tags.empty());
  }

  /** Meters for the client {@code admin} belongs to, with {@code tags} added to every meter. */
  public CachemanMetrics(CacheAdmin admin, Iterable<Tag> tags) {
    this.client = admin;
    this.tags = Tags.of(tags).and("client", admin.name());
  }

  /** Registers the meters of every node in {@code registry}; does nothing once the client is closed. */
  @Override
  public synchronized void bindTo(MeterRegistry registry) {
    if (!client.isOpen()) {
      return;
    }
    if (!listening) {
      client.addListener(new Follower());
      listening = true;
    }
    Map<String, NodeMeters> perNode = bound.computeIfAbsent(registry, r -> new HashMap<>());
    nodeCounts.computeIfAbsent(registry, r -> Gauge.builder("cacheman.client.nodes", client, c -> c.nodes().size())
        .tags(tags).baseUnit("nodes").description("Nodes in the client's node list").register(r));
    for (NodeMetrics node : client.nodes()) {
      perNode.computeIfAbsent(node.node(), id -> NodeMeters.register(registry, tags, node));
    }
  }

  private synchronized void nodesChanged(List<NodeMetrics> added, List<NodeMetrics> removed) {
    bound.forEach((registry, perNode) -> {
      for (NodeMetrics node : removed) {
        NodeMeters meters = perNode.remove(node.node());
        if (meters != null) {
          meters.remove(registry);
        }
      }
      for (NodeMetrics node : added) {
        perNode.computeIfAbsent(node.node(), id -> NodeMeters.register(registry, tags, node));
      }
    });
  }

  private synchronized void clientClosed() {
    bound.forEach((registry, perNode) -> perNode.values().forEach(meters -> meters.remove(registry)));
    nodeCounts.forEach(MeterRegistry::remove);
    bound.clear();
    nodeCounts.clear();
  }

  /** Keeps the meters in step with the client's node list. */
  private final class Follower implements ClientListener {
    @Override
    public void nodesChanged(List<NodeMetrics> added, List<NodeMetrics> removed) {
      CachemanMetrics.this.nodesChanged(added, removed);
    }

    @Override
    public void clientClosed() {
      CachemanMetrics.this.clientClosed();
    }
  }
}
