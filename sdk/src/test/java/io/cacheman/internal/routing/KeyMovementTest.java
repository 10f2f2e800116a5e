package io.cacheman.internal.routing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.config.KetamaNodeNames;
import io.cacheman.config.NodeAddress;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How many keys move when an eleventh node joins ten: ketama about 1/11, modulo about 10/11. */
class KeyMovementTest {
  private static final Logger log = LoggerFactory.getLogger(KeyMovementTest.class);
  private static final int KEYS = 100_000;

  private static List<NodeAddress> nodes(int n) {
    List<NodeAddress> nodes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      nodes.add(NodeAddress.of("cache-" + i + ".example.com", 16180));
    }
    return nodes;
  }

  private static byte[][] keys(int count, String prefix) {
    byte[][] keys = new byte[count][];
    for (int i = 0; i < count; i++) {
      keys[i] = (prefix + i).getBytes(UTF_8);
    }
    return keys;
  }

  @Test
  void ketamaMovesAboutOneEleventhAndOnlyToTheNewNode() {
    KetamaContinuum ten = KetamaContinuum.build(nodes(10), KetamaNodeNames.LIBMEMCACHED);
    KetamaContinuum eleven = KetamaContinuum.build(nodes(11), KetamaNodeNames.LIBMEMCACHED);
    int moved = 0;
    for (byte[] key : keys(KEYS, "session:")) {
      int before = ten.primary(key);
      int after = eleven.primary(key);
      if (before != after) {
        moved++;
        assertEquals(10, after, "a key moved between two old nodes");
      }
    }
    double fraction = moved / (double) KEYS;
    log.info("ketama 10 -> 11 nodes: {} of {} keys moved ({})", moved, KEYS, String.format("%.4f", fraction));
    // The ideal is 1/11 = 0.0909. With 160 points a node's arc varies by about 8% (1/sqrt(160))
    // relative, so 0.0909 ± 0.025 is more than three standard deviations wide.
    assertTrue(Math.abs(fraction - 1.0 / 11) < 0.025, "ketama moved " + fraction);
  }

  @Test
  void moduloMovesAboutTenElevenths() {
    ModuloLocator ten = new ModuloLocator(10);
    ModuloLocator eleven = new ModuloLocator(11);
    int moved = 0;
    for (byte[] key : keys(KEYS, "session:")) {
      if (ten.primary(key) != eleven.primary(key)) {
        moved++;
      }
    }
    double fraction = moved / (double) KEYS;
    log.info("modulo 10 -> 11 nodes: {} of {} keys moved ({})", moved, KEYS, String.format("%.4f", fraction));
    // A key stays only when hash mod 10 == hash mod 11, i.e. hash mod 110 < 10: 1/11 of keys.
    assertTrue(Math.abs(fraction - 10.0 / 11) < 0.01, "modulo moved " + fraction);
  }

  @Property(tries = 40)
  void addingANodeMovesKeysOnlyToIt(@ForAll @IntRange(min = 1, max = 60) int n) {
    KetamaContinuum before = KetamaContinuum.build(nodes(n), KetamaNodeNames.LIBMEMCACHED);
    KetamaContinuum after = KetamaContinuum.build(nodes(n + 1), KetamaNodeNames.LIBMEMCACHED);
    int keys = 2000;
    int betweenOldNodes = 0;
    for (byte[] key : keys(keys, "k" + n + ":")) {
      int was = before.primary(key);
      int is = after.primary(key);
      if (was != is && is != n) {
        betweenOldNodes++;
      }
    }
    if (KetamaContinuum.pointsFor(1, n, n) == KetamaContinuum.pointsFor(1, n + 1, n + 1)) {
      assertEquals(0, betweenOldNodes, "keys moved between old nodes");
    } else {
      // libmemcached's float arithmetic gives 156 points instead of 160 at some node counts (25,
      // 47, 50, ...); the keys of the 4 dropped points per node move too, about 2.5%.
      assertTrue(betweenOldNodes < keys * 0.05, betweenOldNodes + " keys moved between old nodes");
    }
  }

  @Property(tries = 30)
  void routingIsDeterministic(@ForAll @IntRange(min = 1, max = 20) int n) {
    KetamaContinuum a = KetamaContinuum.build(nodes(n), KetamaNodeNames.LIBMEMCACHED);
    KetamaContinuum b = KetamaContinuum.build(nodes(n), KetamaNodeNames.LIBMEMCACHED);
    for (byte[] key : keys(500, "d:")) {
      assertEquals(a.primary(key), b.primary(key));
    }
  }
}
