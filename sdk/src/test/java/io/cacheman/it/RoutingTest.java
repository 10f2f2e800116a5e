package io.cacheman.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.Cache;
import io.cacheman.config.CachemanConfig;
import io.cacheman.config.Hashing;
import io.cacheman.internal.routing.NodeLocator;
import io.cacheman.testing.Clients;
import io.cacheman.testing.Backend;
import io.cacheman.testing.RawClient;
import io.cacheman.testing.Strings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Keys stored through the SDK sit on the node the locator names, as a raw read of each node shows. */
class RoutingTest {
  private final List<Backend> nodes = new ArrayList<>();

  @AfterEach
  void stop() {
    nodes.forEach(Backend::close);
  }

  static Stream<Arguments> backendsAndHashings() {
    return Stream.of(Backend.Kind.MEMCACHED, Backend.Kind.SERVER_MINIMAL) // read back over plaintext
        .flatMap(kind -> Stream.of(Hashing.values()).map(hashing -> Arguments.of(kind, hashing)));
  }

  @ParameterizedTest
  @MethodSource("backendsAndHashings")
  void eachKeyLivesOnTheNodeTheLocatorNames(Backend.Kind kind, Hashing hashing) throws Exception {
    for (int i = 0; i < 3; i++) {
      nodes.add(kind.start());
    }
    CachemanConfig config = Clients.config(nodes.stream().map(Backend::address).toArray(io.cacheman.config.NodeAddress[]::new))
        .hashing(hashing).build();
    NodeLocator locator = NodeLocator.create(config);
    List<RawClient> raw = nodes.stream().map(n -> new RawClient(n.port())).toList();
    int[] perNode = new int[nodes.size()];
    try (Cache<String> cache = io.cacheman.Cacheman.builder().config(config).transcoder(Strings.UTF8).build()) {
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        String key = hashing + "-route-" + i;
        keys.add(key);
        assertTrue(cache.set(key, "value-of-" + key));
      }
      for (String key : keys) {
        int owner = locator.primary(key.getBytes(StandardCharsets.UTF_8));
        perNode[owner]++;
        assertEquals(config.nodes().get(owner).id(), cache.admin().nodeFor(key), key);
        assertEquals("value-of-" + key, raw.get(owner).get(key), key);
        assertNull(raw.get((owner + 1) % nodes.size()).get(key), key);
      }
      Map<String, String> all = cache.getMulti(keys);
      assertEquals(300, all.size());
      all.forEach((k, v) -> assertEquals("value-of-" + k, v));

      Map<String, Map<String, String>> serverStats = cache.admin().serverStats();
      assertEquals(config.nodes().stream().map(io.cacheman.config.NodeAddress::id).toList(),
          List.copyOf(serverStats.keySet()), "every node, in configured order");
      for (int i = 0; i < nodes.size(); i++) {
        assertEquals(String.valueOf(perNode[i]), serverStats.get(config.nodes().get(i).id()).get("curr_items"));
      }
      nodes.get(2).close();
      assertEquals(Map.of(), cache.admin().serverStats().get(config.nodes().get(2).id()), "a stopped node has no stats");
    } finally {
      for (RawClient client : raw) {
        client.close();
      }
    }
    for (int count : perNode) {
      assertTrue(count > 50, "keys spread over all nodes: " + java.util.Arrays.toString(perNode));
    }
  }
}
