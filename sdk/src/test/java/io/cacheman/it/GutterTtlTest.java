package io.cacheman.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.Cache;
import io.cacheman.CachemanException;
import io.cacheman.Cacheman;
import io.cacheman.NodeState;
import io.cacheman.config.CachemanConfig;
import io.cacheman.config.NodeAddress;
import io.cacheman.testing.Backend;
import io.cacheman.testing.Clients;
import io.cacheman.testing.Keys;
import io.cacheman.testing.Memcached;
import io.cacheman.testing.RawClient;
import io.cacheman.testing.Strings;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * While a node is out of routing its keys are written to a stand-in node, and those copies live at
 * most the gutter TTL ({@code cacheman.failover.gutter-ttl}), so they cannot be served long after
 * the node is back or on its next failover. The lifetimes are read off the stand-in with
 * memcached's meta get, i.e. as the client really sent them.
 */
class GutterTtlTest {
  private Backend standIn;
  private Backend failed;

  @BeforeEach
  void start() {
    standIn = Memcached.launch();
    failed = Memcached.launch();
  }

  @AfterEach
  void stop() {
    standIn.close();
    failed.close();
  }

  @Test
  void writesToAStandInNodeLiveAtMostTheGutterTtl() throws Exception {
    CachemanConfig config = config(Duration.ofSeconds(5));
    String away = Keys.ownedBy(config, 1, "away");
    String awayShort = Keys.ownedBy(config, 1, "short");
    String home = Keys.ownedBy(config, 0, "home");
    try (Cache<String> cache = Cacheman.builder().config(config).transcoder(Strings.UTF8).build();
        RawClient standInNode = new RawClient(standIn.port())) {
      takeOut(cache, away);

      assertTrue(cache.set(away, "copy"));
      assertTrue(cache.set(awayShort, "copy", Duration.ofSeconds(2)));
      assertTrue(cache.set(home, "own"));

      assertEquals("copy", standInNode.get(away), "the write went to the stand-in");
      between("TTL of a failover copy stored for ever by the caller", standInNode.ttl(away), 1, 5);
      between("TTL of a failover copy shorter than the gutter", standInNode.ttl(awayShort), 1, 2);
      assertEquals(-1L, standInNode.ttl(home), "a write to its own node keeps the caller's TTL");

      assertTrue(cache.touch(away, Duration.ofHours(1)));
      between("TTL after a touch on the stand-in", standInNode.ttl(away), 1, 5);
    }
  }

  @Test
  void aZeroGutterTtlKeepsTheCallersTtl() throws Exception {
    CachemanConfig config = config(Duration.ZERO);
    String away = Keys.ownedBy(config, 1, "away");
    try (Cache<String> cache = Cacheman.builder().config(config).transcoder(Strings.UTF8).build();
        RawClient standInNode = new RawClient(standIn.port())) {
      takeOut(cache, away);
      assertTrue(cache.set(away, "copy"));
      assertEquals(-1L, standInNode.ttl(away));
    }
  }

  private CachemanConfig config(Duration gutterTtl) {
    return Clients.config(standIn.address(), failed.address()).failureThreshold(1)
        .retryInterval(Duration.ofMinutes(1)).gutterTtl(gutterTtl).build();
  }

  /** Kills node 1 and has the client notice, through calls on one of its keys. */
  private void takeOut(Cache<String> cache, String keyOnFailed) {
    failed.kill();
    await().atMost(Duration.ofSeconds(5)).until(() -> {
      try {
        cache.get(keyOnFailed); // fails on node 1, or is redistributed once it is out
      } catch (CachemanException expected) {
        // the failure that takes the node out
      }
      return cache.admin().stats().nodes().get(1).state() == NodeState.OUT;
    });
  }

  private static void between(String what, Long seconds, long min, long max) {
    assertTrue(seconds != null && seconds >= min && seconds <= max, what + ": expected " + min + ".." + max + " s, was "
        + seconds);
  }
}
