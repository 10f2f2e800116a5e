package io.cacheman.internal;

import io.cacheman.CachemanException;
import io.cacheman.MultiGetResult;
import io.cacheman.NodeUnavailableException;
import io.cacheman.internal.node.Node;
import io.cacheman.internal.pipeline.Outcome;
import io.cacheman.internal.protocol.Item;
import io.cacheman.internal.protocol.RetrievalCommand;
import io.cacheman.internal.routing.Topology;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a multi-get goes out and comes back: distinct keys, validated up front (an invalid key
 * fails the call before any I/O), grouped by the node that takes them now, each group cut into
 * {@code get k1 k2 …} lines of at most {@value #MAX_KEYS} keys and about {@value #MAX_LINE_BYTES}
 * bytes, so no node sees an over-long line; then each line's outcome folded into one
 * {@link MultiGetResult}: the values it found, or its failure recorded against each of its keys.
 * Keys no node can take now fail with {@link NodeUnavailableException}.
 */
final class MultiGetPlan {
  static final int MAX_KEYS = 100;
  static final int MAX_LINE_BYTES = 8 * 1024;
  private static final Logger log = LoggerFactory.getLogger(MultiGetPlan.class);

  final List<Node> nodes = new ArrayList<>();
  final List<RetrievalCommand> commands = new ArrayList<>();
  private final List<String[]> names = new ArrayList<>();
  private final List<String> unroutable = new ArrayList<>();

  MultiGetPlan(KeyEncoder encoder, Topology topology, Collection<String> keys) {
    if (keys == null) {
      throw new IllegalArgumentException("keys must not be null");
    }
    Map<String, byte[]> distinct = new LinkedHashMap<>();
    keys.forEach(key -> distinct.computeIfAbsent(key, encoder::encode));
    Map<Integer, List<Map.Entry<String, byte[]>>> byNode = new LinkedHashMap<>(); // in the order nodes first appear
    for (Map.Entry<String, byte[]> key : distinct.entrySet()) {
      byNode.computeIfAbsent(topology.routeIndex(key.getValue()), n -> new ArrayList<>()).add(key);
    }
    byNode.forEach((node, its) -> {
      if (node >= 0) {
        cut(topology.node(node), its);
      } else {
        its.forEach(e -> unroutable.add(e.getKey()));
      }
    });
  }

  private void cut(Node node, List<Map.Entry<String, byte[]>> keys) {
    int from = 0;
    while (from < keys.size()) {
      int to = from;
      int lineBytes = 0;
      while (to < keys.size() && to - from < MAX_KEYS
          && (to == from || lineBytes + keys.get(to).getValue().length + 1 <= MAX_LINE_BYTES)) {
        lineBytes += keys.get(to).getValue().length + 1;
        to++;
      }
      List<Map.Entry<String, byte[]>> part = keys.subList(from, to);
      nodes.add(node);
      names.add(part.stream().map(Map.Entry::getKey).toArray(String[]::new));
      commands.add(RetrievalCommand.of(RetrievalCommand.Kind.GET, part.stream().map(Map.Entry::getValue)
          .toArray(byte[][]::new)));
      from = to;
    }
  }

  /** The result, from each line's outcome (in plan order), values decoded by {@code values}. */
  <V> MultiGetResult<V> collect(List<Outcome<Item[]>> outcomes, ValueCodec<V> values) {
    Map<String, V> found = new HashMap<>();
    Map<String, CachemanException> failures = new HashMap<>();
    if (!unroutable.isEmpty()) {
      NodeUnavailableException none = new NodeUnavailableException(
          "get: no node is available for the key; all its candidates are out of routing");
      unroutable.forEach(key -> failures.put(key, none));
    }
    for (int i = 0; i < outcomes.size(); i++) {
      String[] keys = names.get(i);
      Outcome<Item[]> outcome = outcomes.get(i);
      if (outcome.failure() != null) {
        Throwable failure = Exceptions.unwrap(outcome.failure());
        CachemanException cause = failure instanceof CachemanException e
            ? e : new CachemanException("get failed: " + failure.getMessage(), failure);
        log.debug("multi-get: {} keys not read: {}", keys.length, cause.getMessage());
        for (String key : keys) {
          failures.put(key, cause);
        }
        continue;
      }
      Item[] items = outcome.value();
      for (int j = 0; j < items.length; j++) {
        if (items[j] != null) {
          found.put(keys[j], values.decode(items[j]));
        }
      }
    }
    return new MultiGetResult<>(found, failures);
  }
}
