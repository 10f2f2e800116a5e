package io.cacheman.internal;

import io.cacheman.CacheAdmin;
import io.cacheman.ClientListener;
import io.cacheman.ClientStats;
import io.cacheman.NodeMetrics;
import io.cacheman.config.CachemanConfig;
import io.cacheman.internal.node.Node;
import io.cacheman.internal.pipeline.Outcome;
import io.cacheman.internal.protocol.StatsCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The administrative side of a client: statistics, routing, live settings, listeners. */
final class DefaultAdmin implements CacheAdmin {
  private final Client client;

  DefaultAdmin(Client client) {
    this.client = client;
  }

  @Override
  public String name() {
    return client.name;
  }

  @Override
  public ClientStats stats() {
    return StatsSnapshot.of(client.membership.current().nodes());
  }

  @Override
  public Map<String, Map<String, String>> serverStats() {
    List<Node> nodes = client.membership.current().nodes();
    List<StatsCommand> commands = new ArrayList<>();
    nodes.forEach(node -> commands.add(new StatsCommand("")));
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
