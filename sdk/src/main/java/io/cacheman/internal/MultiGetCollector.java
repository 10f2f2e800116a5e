package io.cacheman.internal;

import io.cacheman.CachemanException;
import io.cacheman.MultiGetResult;
import io.cacheman.NodeUnavailableException;
import io.cacheman.internal.protocol.Item;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers the outcome of each chunk of a {@link MultiGetPlan} into one {@link MultiGetResult}:
 * the values a chunk found, or its failure recorded against each of its keys. Used by one thread
 * at a time (the blocking view's caller, or the async view's completion stage).
 */
final class MultiGetCollector<V> {
  private static final Logger log = LoggerFactory.getLogger(MultiGetCollector.class);

  private final MultiGetPlan plan;
  private final ValueCodec<V> values;
  private final Map<String, V> found = new HashMap<>();
  private final Map<String, CachemanException> failures = new HashMap<>();

  MultiGetCollector(MultiGetPlan plan, ValueCodec<V> values) {
    this.plan = plan;
    this.values = values;
    if (!plan.unroutable.isEmpty()) {
      NodeUnavailableException none = new NodeUnavailableException(
          "get: no node is available for the key; all its candidates are out of routing");
      plan.unroutable.forEach(key -> failures.put(key, none));
    }
  }

  /** Chunk {@code chunk} answered with {@code items}, one per key, null for a miss. */
  void found(int chunk, Item[] items) {
    String[] names = plan.chunks.get(chunk).names();
    for (int j = 0; j < items.length; j++) {
      if (items[j] != null) {
        found.put(names[j], values.decode(items[j]));
      }
    }
  }

  /** Chunk {@code chunk} failed as a whole. */
  void failed(int chunk, Throwable failure) {
    String[] names = plan.chunks.get(chunk).names();
    CachemanException cause = failure instanceof CachemanException e
        ? e : new CachemanException("get failed: " + failure.getMessage(), failure);
    log.debug("multi-get: {} keys not read: {}", names.length, cause.getMessage());
    for (String name : names) {
      failures.put(name, cause);
    }
  }

  MultiGetResult<V> result() {
    return new MultiGetResult<>(found, failures);
  }
}
