package io.cacheman.internal;

import io.cacheman.internal.routing.KeyGrouper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a multi-get goes out: distinct keys, validated up front (an invalid key fails the call
 * before any I/O), grouped by the node that takes them now, each group cut into chunks of at most
 * {@value #MAX_KEYS} keys and about {@value #MAX_LINE_BYTES} bytes of command line, so no node
 * sees an over-long line. Keys no node can take are set aside in {@link #unroutable}.
 */
final class MultiGetPlan {
  static final int MAX_KEYS = 100;
  static final int MAX_LINE_BYTES = 8 * 1024;

  /** One {@code get k1 k2 …} line for one node. */
  record Chunk(Node node, String[] names, byte[][] keys) {}

  final List<Chunk> chunks = new ArrayList<>();
  /** Keys no node can take now (every candidate is out of routing). */
  final List<String> unroutable = new ArrayList<>();

  MultiGetPlan(Engine engine, Collection<String> keys) {
    if (keys == null) {
      throw new IllegalArgumentException("keys must not be null");
    }
    Map<String, byte[]> distinct = new LinkedHashMap<>();
    for (String key : keys) {
      if (!distinct.containsKey(key)) {
        distinct.put(key, engine.key(key));
      }
    }
    List<Map.Entry<String, byte[]>> entries = new ArrayList<>(distinct.entrySet());
    Topology topology = engine.topology(); // one node list for the whole plan
    for (KeyGrouper.Group<Map.Entry<String, byte[]>> group
        : KeyGrouper.group(entries, e -> topology.routeIndex(e.getValue()))) {
      if (group.node() >= 0) {
        cut(topology.node(group.node()), group.keys());
      } else {
        group.keys().forEach(e -> unroutable.add(e.getKey()));
      }
    }
  }

  /** Collects the chunks' outcomes into the caller's result. */
  <V> MultiGetCollector<V> collector(ValueCodec<V> values) {
    return new MultiGetCollector<>(this, values);
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
      chunks.add(new Chunk(node, part.stream().map(Map.Entry::getKey).toArray(String[]::new),
          part.stream().map(Map.Entry::getValue).toArray(byte[][]::new)));
      from = to;
    }
  }
}
