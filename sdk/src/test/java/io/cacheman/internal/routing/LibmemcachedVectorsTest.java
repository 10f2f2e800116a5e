package io.cacheman.internal.routing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.config.CachemanConfig;
import io.cacheman.config.Hashing;
import io.cacheman.config.NodeAddress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Routing against what real libmemcached 1.1.4 did with 4,000 keys (routing-libmemcached.tsv,
 * copied from shared/vectors): ketama with equal weights, ketama with weights 1/2/1/3, and
 * fnv1a_32 modulo; 12,000 placements in all.
 */
class LibmemcachedVectorsTest {
  private static final List<String> NODE_IDS =
      List.of("127.0.0.1:21101", "127.0.0.1:21102", "127.0.0.1:21103", "127.0.0.3:11211");
  private static final int[] WEIGHTS = {1, 2, 1, 3};

  private static final List<String[]> rows = new ArrayList<>();
  private static String nodesComment;

  @BeforeAll
  static void readVectors() throws IOException {
    try (InputStream in = LibmemcachedVectorsTest.class.getResourceAsStream("/routing-libmemcached.tsv")) {
      assertNotNull(in, "routing-libmemcached.tsv is missing from the test resources");
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith("# Nodes")) {
          nodesComment = line;
        } else if (!line.startsWith("#") && !line.startsWith("key\t")) {
          rows.add(line.split("\t"));
        }
      }
    }
  }

  private static NodeLocator locator(Hashing hashing, boolean weighted) {
    List<NodeAddress> nodes = new ArrayList<>();
    for (int i = 0; i < NODE_IDS.size(); i++) {
      String[] hostPort = NODE_IDS.get(i).split(":");
      nodes.add(NodeAddress.of(hostPort[0], Integer.parseInt(hostPort[1]), weighted ? WEIGHTS[i] : 1));
    }
    return NodeLocator.create(CachemanConfig.builder().nodes(nodes).hashing(hashing).build());
  }

  private static void assertAllPlacements(NodeLocator locator, int column) {
    int matched = 0;
    List<String> mismatches = new ArrayList<>();
    for (String[] row : rows) {
      String actual = NODE_IDS.get(locator.primary(row[0].getBytes(UTF_8)));
      if (actual.equals(row[column])) {
        matched++;
      } else if (mismatches.size() < 5) {
        mismatches.add(row[0] + " -> " + actual + ", libmemcached " + row[column]);
      }
    }
    assertEquals(rows.size(), matched, "placements differing from libmemcached, first few: " + mismatches);
  }

  @Test
  void theFileIsWhatWeExpect() {
    assertEquals(4000, rows.size());
    NODE_IDS.forEach(id -> assertTrue(nodesComment.contains(id), id));
    assertTrue(nodesComment.contains("21102 (weight 2)") && nodesComment.contains("11211 (weight 3)"), nodesComment);
  }

  @Test
  void ketamaWithEqualWeights() {
    assertAllPlacements(locator(Hashing.KETAMA, false), 1);
  }

  @Test
  void ketamaWithWeights1213() {
    assertAllPlacements(locator(Hashing.KETAMA, true), 2);
  }

  @Test
  void fnv1a32Modulo() {
    assertAllPlacements(locator(Hashing.MODULO, false), 3);
  }
}
