package io.cacheman.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.AsyncCache;
import io.cacheman.Cache;
import io.cacheman.testing.CheckedLoad;
import java.time.Duration;
import io.cacheman.testing.Backend;
import io.cacheman.testing.Clients;
import io.cacheman.testing.MisbehavingServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Single-key gets queued together share one {@code get k1 k2 …} line, and each caller still gets
 * exactly its own key's value (or miss), duplicates included.
 */
class SharedGetTest {

  @Test
  void queuedGetsGoOutOnSharedLinesAndEachGetsItsOwnValue() throws Exception {
    try (MisbehavingServer server = new MisbehavingServer((line, n) -> MisbehavingServer.proper(line));
        AsyncCache<String> cache = Clients.asyncStrings(c -> c.connectionsPerNode(1), server.address())) {
      List<CompletableFuture<String>> gets = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        gets.add(cache.get("key" + (i % 250)).toCompletableFuture()); // 50 keys asked twice
      }
      for (int i = 0; i < 300; i++) {
        assertEquals("v:key" + (i % 250), gets.get(i).get(5, TimeUnit.SECONDS));
      }
      List<String> lines = server.lines();
      assertTrue(lines.size() < 300, "no line was shared: " + lines.size());
      assertTrue(lines.stream().anyMatch(l -> l.split(" ").length > 2), lines.toString());
      assertEquals(300, cache.admin().stats().total().hits());
    }
  }

  @ParameterizedTest
  @EnumSource(value = Backend.Kind.class, names = {"MEMCACHED", "SERVER_MINIMAL"})
  void manyThreadsOnOneConnectionEachReadTheirOwnKeys(Backend.Kind kind) throws Exception {
    try (Backend node = kind.start();
        Cache<String> cache = Clients.strings(c -> c.connectionsPerNode(1), node.address())) {
      try (CheckedLoad load = new CheckedLoad(cache, "own" + kind, 16, 200, Duration.ofSeconds(10))) {
        await().atMost(Duration.ofSeconds(10)).until(() -> load.successes.get() + load.failures.get() > 20_000);
        load.close();
        assertEquals(0, load.failures.get(), load.toString());
        assertEquals(0, load.wrongValues.get(), load.toString());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Backend.Kind.class, names = {"MEMCACHED", "SERVER_MINIMAL"})
  void sharedLinesMixHitsMissesAndRepeatedKeysOnRealNodes(Backend.Kind kind) throws Exception {
    try (Backend node = kind.start();
        AsyncCache<String> cache = Clients.asyncStrings(c -> c.connectionsPerNode(1), node.address())) {
      for (int i = 0; i < 100; i += 2) {
        cache.set("shared" + i, "value" + i).toCompletableFuture().get(5, TimeUnit.SECONDS);
      }
      List<CompletableFuture<String>> gets = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 100; i++) {
          gets.add(cache.get("shared" + i).toCompletableFuture());
        }
      }
      for (int j = 0; j < gets.size(); j++) {
        int i = j % 100;
        assertEquals(i % 2 == 0 ? "value" + i : null, gets.get(j).get(5, TimeUnit.SECONDS), "key shared" + i);
      }
      assertEquals(150, cache.admin().stats().total().hits());
      assertEquals(150, cache.admin().stats().total().misses());
    }
  }
}
