package io.cacheman.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.AsyncCache;
import io.cacheman.Cache;
import io.cacheman.CachemanException;
import io.cacheman.Cacheman;
import io.cacheman.MultiGetResult;
import io.cacheman.config.CachemanConfig;
import io.cacheman.config.FailoverMode;
import io.cacheman.internal.routing.NodeLocator;
import io.cacheman.testing.Backend;
import io.cacheman.testing.Clients;
import io.cacheman.testing.Keys;
import io.cacheman.testing.Strings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A multi-get across nodes where one node is down: the keys of the live node come back, each key
 * of the dead one is reported with the reason, and a key that is simply absent is neither.
 */
class MultiGetResultTest {
  private final List<Backend> nodes = new ArrayList<>();

  @AfterEach
  void stop() {
    nodes.forEach(Backend::close);
  }

  @ParameterizedTest
  @EnumSource(Backend.Kind.class)
  void keysOfADeadNodeAreReportedNotReadAsMisses(Backend.Kind kind) throws Exception {
    nodes.add(kind.start());
    nodes.add(kind.start());
    CachemanConfig config = nodes.get(0).clientSettings(Clients.config(nodes.get(0).address(), nodes.get(1).address()))
        .failoverMode(FailoverMode.FAIL_FAST).build();
    NodeLocator locator = NodeLocator.create(config);
    List<String> keys = new ArrayList<>();
    List<String> onDeadNode = new ArrayList<>();
    try (Cache<String> cache = Cacheman.builder().config(config).transcoder(Strings.UTF8).build()) {
      AsyncCache<String> async = cache.async();
      for (int i = 0; i < 40; i++) {
        String key = "multi-" + i;
        keys.add(key);
        assertTrue(cache.set(key, "v" + i));
        if (locator.primary(key.getBytes(StandardCharsets.UTF_8)) == 1) {
          onDeadNode.add(key);
        }
      }
      String absent = Keys.ownedBy(locator, 0, "never-stored-");
      keys.add(absent);
      MultiGetResult<String> healthy = cache.getMultiResult(keys);
      assertTrue(healthy.isComplete(), "every node answered: " + healthy.failures());
      assertEquals(40, healthy.values().size());

      nodes.get(1).kill();
      for (MultiGetResult<String> result : List.of(cache.getMultiResult(keys),
          async.getMultiResult(keys).toCompletableFuture().get(5, TimeUnit.SECONDS))) {
        assertFalse(result.isComplete());
        assertEquals(onDeadNode.size(), result.failures().size(), "one failure per key of the dead node");
        for (String key : keys) {
          if (onDeadNode.contains(key)) {
            assertInstanceOf(CachemanException.class, result.failures().get(key), key);
            assertFalse(result.values().containsKey(key), key);
          } else if (key.equals(absent)) {
            assertFalse(result.values().containsKey(key) || result.failures().containsKey(key), "a plain miss");
          } else {
            assertEquals("v" + key.substring("multi-".length()), result.values().get(key));
          }
        }
      }
      assertEquals(cache.getMultiResult(keys).values(), cache.getMulti(keys), "getMulti reads failed keys as misses");
    }
  }

  /**
   * A wide call over three nodes, keys repeated and long enough that lines are cut by bytes as well
   * as by count: every stored key comes back once, with its own value.
   */
  @ParameterizedTest
  @EnumSource(value = Backend.Kind.class, names = {"MEMCACHED", "SERVER_MINIMAL"})
  void aWideCallWithRepeatedKeysReadsEachKeyOnce(Backend.Kind kind) throws Exception {
    for (int i = 0; i < 3; i++) {
      nodes.add(kind.start());
    }
    String padding = "k".repeat(150);
    List<String> keys = new ArrayList<>();
    Map<String, String> stored = new HashMap<>();
    try (Cache<String> cache = Clients.strings(nodes.get(0).address(), nodes.get(1).address(), nodes.get(2).address())) {
      for (int i = 0; i < 2500; i++) {
        String key = (i % 2 == 0 ? padding : "") + "wide-" + i;
        keys.add(key);
        if (i % 5 != 0) {
          stored.put(key, "v" + i);
          assertTrue(cache.set(key, "v" + i));
        }
      }
      keys.addAll(keys.subList(0, 700)); // asked twice
      MultiGetResult<String> result = cache.getMultiResult(keys);
      assertTrue(result.isComplete(), () -> "failures: " + result.failures());
      assertEquals(stored, result.values());
      assertEquals(stored, cache.async().getMulti(keys).toCompletableFuture().get(5, TimeUnit.SECONDS));
    }
  }
}
