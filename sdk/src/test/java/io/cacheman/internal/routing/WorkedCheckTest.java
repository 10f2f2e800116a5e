package io.cacheman.internal.routing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.cacheman.config.CachemanConfig;
import io.cacheman.config.Hashing;
import io.cacheman.config.KetamaNodeNames;
import io.cacheman.config.NodeAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The worked check of DESIGN.md §3, and how a locator is chosen from the config. */
class WorkedCheckTest {
  private static final List<NodeAddress> NODES = List.of(
      NodeAddress.of("127.0.0.1", 11211), NodeAddress.of("127.0.0.1", 11212), NodeAddress.of("127.0.0.1", 11213));

  private static NodeLocator locator(Hashing hashing) {
    return NodeLocator.create(CachemanConfig.builder().nodes(NODES).hashing(hashing).build());
  }

  @ParameterizedTest
  @CsvSource({"foo, 0", "bar, 1", "baz, 1", "key1, 1", "hello, 0"})
  void ketama(String key, int node) {
    assertEquals(node, locator(Hashing.KETAMA).primary(key.getBytes(UTF_8)));
  }

  @ParameterizedTest
  @CsvSource({"foo, 0", "bar, 2", "baz, 1", "key1, 2", "hello, 0"})
  void modulo(String key, int node) {
    assertEquals(node, locator(Hashing.MODULO).primary(key.getBytes(UTF_8)));
  }

  @Test
  void ringNamesDropThePortOnlyFor11211UnderLibmemcachedNaming() {
    assertEquals("127.0.0.1", KetamaContinuum.ringName(NODES.get(0), KetamaNodeNames.LIBMEMCACHED));
    assertEquals("127.0.0.1:11212", KetamaContinuum.ringName(NODES.get(1), KetamaNodeNames.LIBMEMCACHED));
    assertEquals("127.0.0.1:11211", KetamaContinuum.ringName(NODES.get(0), KetamaNodeNames.SPYMEMCACHED));
    assertEquals("::1:16180", KetamaContinuum.ringName(NodeAddress.of("::1", 16180), KetamaNodeNames.LIBMEMCACHED));
    assertEquals("[::1]:16180", KetamaContinuum.ringName(NodeAddress.of("::1", 16180), KetamaNodeNames.SPYMEMCACHED));
  }

  @Test
  void spymemcachedNamesMakeADifferentRingWhenAPortIs11211() {
    NodeLocator libmemcached = locator(Hashing.KETAMA);
    NodeLocator spy = NodeLocator.create(CachemanConfig.builder().nodes(NODES).hashing(Hashing.KETAMA)
        .ketamaNodeNames(KetamaNodeNames.SPYMEMCACHED).build());
    int differing = 0;
    for (int i = 0; i < 1000; i++) {
      byte[] key = ("k" + i).getBytes(UTF_8);
      if (libmemcached.primary(key) != spy.primary(key)) {
        differing++;
      }
    }
    assertEquals(true, differing > 50, "only " + differing + " of 1000 keys moved");
  }

  @Test
  void createPicksTheConfiguredAlgorithm() {
    assertInstanceOf(ModuloLocator.class, locator(Hashing.MODULO));
    KetamaContinuum ketama = assertInstanceOf(KetamaContinuum.class, locator(Hashing.KETAMA));
    assertEquals(3 * 160, ketama.pointCount());
  }

  @Test
  void pointsPerNodeFollowLibmemcachedsFloatArithmetic() {
    assertEquals(160, KetamaContinuum.pointsFor(1, 4, 4));
    assertEquals(160, KetamaContinuum.pointsFor(1, 10, 10));
    // Weights 1/2/1/3 over four nodes: floor(w/7 × 40 × 4) × 4.
    assertEquals(88, KetamaContinuum.pointsFor(1, 7, 4));
    assertEquals(180, KetamaContinuum.pointsFor(2, 7, 4));
    assertEquals(272, KetamaContinuum.pointsFor(3, 7, 4));
    // In float, 1/25 × 40 × 25 is 39.999996: libmemcached and twemproxy give 25 equal nodes 156 points each.
    assertEquals(156, KetamaContinuum.pointsFor(1, 25, 25));
  }
}
