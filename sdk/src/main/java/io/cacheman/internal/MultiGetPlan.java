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
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a multi-get goes out and comes back: distinct keys, validated up front (an invalid key
 * fails the call before any I/O), grouped by the node that takes them now, each group cut into
 * {@code get k1 k2 …} lines of at most {@value #MAX_KEYS} keys and about {@value #MAX_LINE_BYTES}
 * bytes, so no node sees an over-long line; then each line's outcome folded into one
 * {@link MultiGetResult}: the values it found, or its failure recorded against each of its keys.
 * Keys no node can take now fail with {@link NodeUnavailableException}.
 *
 * <p>A wide call (10,000 keys) spends most of its client time here, on the caller's thread before
 * the first byte goes out, so the plan is built with arrays: one pass to encode and route, a
 * counting sort by node (stable: each node's keys keep the caller's order), then each node's run
 * cut into lines. No per-key map entries, boxing or streams.
 */
final class MultiGetPlan {
  static final int MAX_KEYS = 255;
  static final int MAX_LINE_BYTES = 8 * 1024;
  private static final Logger log = LoggerFactory.getLogger(MultiGetPlan.class);

  final List<Node> nodes = new ArrayList<>();
  final List<RetrievalCommand> commands = new ArrayList<>();
  private final List<String[]> names = new ArrayList<>();
  private final List<String> unroutable = new ArrayList<>();
  private final int keyCount;

  MultiGetPlan(KeyEncoder encoder, Topology topology, Collection<String> keys) {
    if (keys == null) {
      throw new IllegalArgumentException("keys must not be null");
    }
    String[] distinct = distinct(keys);
    int n = distinct.length;
    keyCount = n;
    byte[][] encoded = new byte[n][];
    int[] nodeOf = new int[n];
    int[] perNode = new int[topology.nodes().size() + 1]; // slot 0: unroutable, slot i + 1: node i
    for (int i = 0; i < n; i++) {
      encoded[i] = encoder.encode(distinct[i]);
      nodeOf[i] = topology.routeIndex(encoded[i]) + 1;
      perNode[nodeOf[i]]++;
    }
    int[] start = new int[perNode.length + 1];
    for (int node = 0; node < perNode.length; node++) {
      start[node + 1] = start[node] + perNode[node];
    }
    int[] order = new int[n]; // key indexes, grouped by node
    int[] next = Arrays.copyOf(start, perNode.length);
    for (int i = 0; i < n; i++) {
      order[next[nodeOf[i]]++] = i;
    }
    for (int at = start[0]; at < start[1]; at++) {
      unroutable.add(distinct[order[at]]);
    }
    for (int node = 1; node < perNode.length; node++) {
      cut(topology.node(node - 1), order, start[node], start[node + 1], distinct, encoded);
    }
  }

  /** The keys without repeats, in the caller's order; an invalid (null) key is the encoder's to refuse. */
  private static String[] distinct(Collection<String> keys) {
    String[] all = keys.toArray(new String[0]);
    if (all.length < 2 || keys instanceof Set) {
      return all;
    }
    Set<String> seen = new HashSet<>(all.length * 4 / 3 + 1);
    int kept = 0;
    for (String key : all) {
      if (seen.add(key)) {
        all[kept++] = key;
      }
    }
    return kept == all.length ? all : Arrays.copyOf(all, kept);
  }

  /** Cuts the keys {@code order[from..to)}, all for {@code node}, into lines. */
  private void cut(Node node, int[] order, int from, int to, String[] distinct, byte[][] encoded) {
    while (from < to) {
      int end = from;
      int lineBytes = 0;
      while (end < to && end - from < MAX_KEYS
          && (end == from || lineBytes + encoded[order[end]].length + 1 <= MAX_LINE_BYTES)) {
        lineBytes += encoded[order[end]].length + 1;
        end++;
      }
      String[] lineNames = new String[end - from];
      byte[][] lineKeys = new byte[end - from][];
      for (int i = from; i < end; i++) {
        lineNames[i - from] = distinct[order[i]];
        lineKeys[i - from] = encoded[order[i]];
      }
      nodes.add(node);
      names.add(lineNames);
      commands.add(RetrievalCommand.of(RetrievalCommand.Kind.GET, lineKeys));
      from = end;
    }
  }

  /** The result, from each line's outcome (in plan order), values decoded by {@code values}. */
  <V> MultiGetResult<V> collect(List<Outcome<Item[]>> outcomes, ValueCodec<V> values) {
    Map<String, V> found = new HashMap<>(keyCount * 4 / 3 + 1);
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
