package io.cacheman.reliability.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cacheman.Cache;
import io.cacheman.Cacheman;
import io.cacheman.Transcoders;
import io.cacheman.config.CachemanConfig;
import io.cacheman.config.Hashing;
import io.cacheman.config.NodeAddress;
import io.cacheman.reliability.testing.Expect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * RELIABILITY §B 15: with ketama, removing one of N nodes moves about 1/N of 100,000 keys and
 * adding one about 1/(N+1) (± 5 points each); with modulo about (N-1)/N move. Measured through the client: keys written
 * with N nodes are read back with N-1 or N+1, and every miss is a moved key.
 */
class KetamaRemapTest {
  private static final int KEYS = 100_000;
  private static final int N = 4;

  @Test
  void ketamaMovesAboutOneNthOfTheKeys() {
    try (LocalNodes nodes = LocalNodes.start(N + 1, b -> b.memoryLimitBytes(64L << 20))) {
      List<NodeAddress> all = addresses(nodes);
      double removed = movedShare(all.subList(0, N), all.subList(0, N - 1), Hashing.KETAMA);
      flushAll(nodes);
      double added = movedShare(all.subList(0, N), all, Hashing.KETAMA);
      flushAll(nodes);
      double moduloRemoved = movedShare(all.subList(0, N), all.subList(0, N - 1), Hashing.MODULO);
      Observe.figures("B15 remap", String.format("%,d keys on %d nodes: ketama moves %.3f when one is removed "
          + "(1/N = %.3f), %.3f when one is added (1/(N+1) = %.3f); modulo moves %.3f when one is removed "
          + "((N-1)/N = %.3f)", KEYS, N, removed, 1.0 / N, added, 1.0 / (N + 1), moduloRemoved, (N - 1.0) / N));
      Expect.atMost("|ketama share moved on removal - 1/N| x 1000", Math.round(Math.abs(removed - 1.0 / N) * 1000), 50);
      Expect.atMost("|ketama share moved on addition - 1/(N+1)| x 1000",
          Math.round(Math.abs(added - 1.0 / (N + 1)) * 1000), 50);
      Expect.atLeast("modulo share moved on removal x 1000", Math.round(moduloRemoved * 1000), 600);
    }
  }

  /** Writes every key with {@code before}, reads them with {@code after}; the share of misses. */
  private static double movedShare(List<NodeAddress> before, List<NodeAddress> after, Hashing hashing) {
    List<String> keys = new ArrayList<>(KEYS);
    for (int i = 0; i < KEYS; i++) {
      keys.add("remap:" + i);
    }
    try (Cache<String> writer = open(before, hashing); Cache<String> reader = open(after, hashing)) {
      List<CompletableFuture<Boolean>> pending = new ArrayList<>();
      for (String k : keys) {
        pending.add(writer.async().set(k, k).toCompletableFuture());
        if (pending.size() == 500) {
          pending.forEach(CompletableFuture::join);
          pending.clear();
        }
      }
      pending.forEach(CompletableFuture::join);
      long found = 0;
      long wrong = 0;
      for (int from = 0; from < KEYS; from += 1_000) {
        Map<String, String> got = readBlock(reader, keys.subList(from, from + 1_000));
        for (Map.Entry<String, String> e : got.entrySet()) {
          wrong += e.getValue().equals(e.getKey()) ? 0 : 1;
          found++;
        }
      }
      assertEquals(0, wrong, "values read back under another key's name");
      return (KEYS - found) / (double) KEYS;
    }
  }

  /**
   * One multi-get, repeated while the client counts a failure during it: a multi-get reads the keys
   * of a chunk that failed as misses, and a miss here must mean "moved", not "timed out".
   */
  private static Map<String, String> readBlock(Cache<String> reader, List<String> keys) {
    for (int attempt = 1; ; attempt++) {
      long errors = reader.admin().stats().total().errors();
      Map<String, String> got = reader.getMulti(keys);
      if (reader.admin().stats().total().errors() == errors || attempt == 5) {
        assertEquals(errors, reader.admin().stats().total().errors(), "a multi-get kept failing");
        return got;
      }
    }
  }

  private static Cache<String> open(List<NodeAddress> nodes, Hashing hashing) {
    CachemanConfig config = CachemanConfig.builder().nodes(nodes).hashing(hashing).compressionThreshold(0).build();
    return Cacheman.builder().config(config).transcoder(Transcoders.string()).build();
  }

  private static List<NodeAddress> addresses(LocalNodes nodes) {
    List<NodeAddress> list = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      list.add(nodes.address(i));
    }
    return list;
  }

  private static void flushAll(LocalNodes nodes) {
    try (Cache<String> c = open(addresses(nodes), Hashing.KETAMA)) {
      c.flushAll();
    }
  }
}
