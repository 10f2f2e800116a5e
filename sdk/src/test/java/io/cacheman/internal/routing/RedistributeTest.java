package io.cacheman.internal.routing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.config.KetamaNodeNames;
import io.cacheman.config.NodeAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/** Where keys go when a node is out (redistribute mode, DESIGN.md §3). */
class RedistributeTest {
  private static final int KEYS = 20_000;
  private static final int DEAD = 2;
  private static final IntPredicate ALL_LIVE = i -> true;
  private static final IntPredicate ALL_BUT_DEAD = i -> i != DEAD;

  private static List<NodeAddress> nodes(int n) {
    List<NodeAddress> nodes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      nodes.add(NodeAddress.of("10.0.0." + (i + 1), 16180));
    }
    return nodes;
  }

  private static byte[] key(int i) {
    return ("user:" + i).getBytes(UTF_8);
  }

  @Test
  void ketamaMovesOnlyTheDeadNodesKeysAndSpreadsThem() {
    KetamaContinuum ketama = KetamaContinuum.build(nodes(5), KetamaNodeNames.LIBMEMCACHED);
    int[] receivedFromDead = new int[5];
    int deadKeys = 0;
    for (int i = 0; i < KEYS; i++) {
      int primary = ketama.primary(key(i));
      assertEquals(primary, ketama.locate(key(i), ALL_LIVE));
      int live = ketama.locate(key(i), ALL_BUT_DEAD);
      if (primary == DEAD) {
        deadKeys++;
        assertNotEquals(DEAD, live);
        receivedFromDead[live]++;
      } else {
        assertEquals(primary, live, "a live node's key moved");
      }
    }
    assertTrue(deadKeys > KEYS / 10, "the dead node owned only " + deadKeys + " keys");
    for (int node = 0; node < 5; node++) {
      if (node != DEAD) {
        // Each survivor takes a share, not one neighbour all of it (~1/4 each; allow wide slack).
        assertTrue(receivedFromDead[node] > deadKeys / 10, "node " + node + " took " + receivedFromDead[node]);
      }
    }
  }

  @Test
  void moduloCountsOverTheLiveNodesInConfiguredOrder() {
    ModuloLocator modulo = new ModuloLocator(5);
    int[] liveInOrder = {0, 1, 3, 4};
    for (int i = 0; i < KEYS; i++) {
      int hash = Fnv1a32.hash(key(i));
      assertEquals(Integer.remainderUnsigned(hash, 5), modulo.locate(key(i), ALL_LIVE));
      assertEquals(liveInOrder[Integer.remainderUnsigned(hash, 4)], modulo.locate(key(i), ALL_BUT_DEAD));
    }
  }

  @Test
  void noLiveNodeMeansMinusOne() {
    byte[] key = key(1);
    assertEquals(-1, new ModuloLocator(3).locate(key, i -> false));
    assertEquals(-1, KetamaContinuum.build(nodes(3), KetamaNodeNames.LIBMEMCACHED).locate(key, i -> false));
  }

  @Test
  void oneLiveNodeTakesEverything() {
    KetamaContinuum ketama = KetamaContinuum.build(nodes(4), KetamaNodeNames.LIBMEMCACHED);
    ModuloLocator modulo = new ModuloLocator(4);
    for (int i = 0; i < 1000; i++) {
      assertEquals(3, ketama.locate(key(i), n -> n == 3));
      assertEquals(3, modulo.locate(key(i), n -> n == 3));
    }
  }
}
