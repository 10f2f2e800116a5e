package io.cacheman.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a multi-get goes out: distinct keys, validated up front (an invalid key fails the call
 * before any I/O), grouped by the node that takes them now, each group cut into chunks of at most
 * {@value #MAX_KEYS} keys and about {@value #MAX_LINE_BYTES} bytes of command line, so no node
 * sees an over-long line. Keys no node can take are left out: they read as misses.
 */
final class MultiGetPlan {
  static final int MAX_KEYS = 100;
  static final int MAX_LINE_BYTES = 8 * 1024;

  /** One {@code get k1 k2 …} line for one node. */
  record Chunk(int node, String[] names, byte[][] keys) {}

  final List<Chunk> chunks = new ArrayList<>();

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
    List<List<Map.Entry<String, byte[]>>> byNode = new ArrayList<>();
    for (int i = 0; i < engine.nodeCount(); i++) {
      byNode.add(new ArrayList<>());
    }
    for (Map.Entry<String, byte[]> entry : distinct.entrySet()) {
      int node = engine.route(entry.getValue());
      if (node >= 0) {
        byNode.get(node).add(entry);
      }
    }
    for (int node = 0; node < byNode.size(); node++) {
      cut(node, byNode.get(node));
    }
  }

  private void cut(int node, List<Map.Entry<String, byte[]>> keys) {
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

  static String text(byte[] key) {
    return new String(key, StandardCharsets.UTF_8);
  }
}
