package io.cacheman.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.cacheman.Cache;
import io.cacheman.config.CachemanConfig;
import io.cacheman.config.ConfigException;
import io.cacheman.config.Discovery;
import io.cacheman.config.Hashing;
import io.cacheman.config.NodeAddress;
import io.cacheman.internal.discovery.SrvRecord;
import io.cacheman.testing.Clients;
import io.cacheman.testing.LogCapture;
import io.cacheman.testing.MinimalServer;
import io.cacheman.testing.RawClient;
import io.cacheman.testing.Strings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cacheman.nodes = dns+srv:NAME} through the pluggable resolver, against real nodes: the
 * client follows a changed answer within one discovery interval, moving only the keys of the
 * added node (ketama), and a failing lookup keeps the last good list, logged once.
 */
class DiscoveryTest {
  private static final Logger log = LoggerFactory.getLogger(DiscoveryTest.class);
  private static final Discovery NAME = Discovery.srv("_cache._tcp.test");
  private static final Duration INTERVAL = Duration.ofMillis(200);
  private final FakeDns dns = new FakeDns();
  private MinimalServer a;
  private MinimalServer b;
  private MinimalServer c;

  @BeforeEach
  void start() {
    a = MinimalServer.launch();
    b = MinimalServer.launch();
    c = MinimalServer.launch();
  }

  @AfterEach
  void stop() {
    a.close();
    b.close();
    c.close();
  }

  private static SrvRecord srv(MinimalServer node, int weight) {
    return new SrvRecord(10, weight, node.port(), "127.0.0.1.");
  }

  private Cache<String> open() {
    CachemanConfig config = Clients.config(a.address()).nodes(List.of()).discovery(NAME).hashing(Hashing.KETAMA)
        .discoveryInterval(INTERVAL).build();
    return DefaultCache.open(Client.open(config, null, null, dns), Strings.UTF8);
  }

  private static Map<String, String> routes(Cache<String> cache) {
    Map<String, String> routes = new HashMap<>();
    IntStream.range(0, 3000).mapToObj(i -> "key-" + i).forEach(k -> routes.put(k, cache.admin().nodeFor(k)));
    return routes;
  }

  @Test
  void aChangedSrvAnswerIsFollowedWithinOneIntervalAndMovesOnlyTheNewNodesKeys() throws Exception {
    dns.answer(List.of(srv(a, 1), srv(b, 1)));
    try (Cache<String> cache = open(); RawClient rawC = new RawClient(c.port())) {
      assertEquals(Set.of(a.address(), b.address()), Set.copyOf(cache.admin().config().nodes()));
      assertEquals(NAME, cache.admin().config().discovery().orElseThrow());
      Map<String, String> before = routes(cache);

      dns.answer(List.of(srv(a, 1), srv(b, 1), srv(c, 1)));
      long changedAt = System.nanoTime();
      await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
          .until(() -> cache.admin().config().nodes().size() == 3);
      long followedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - changedAt);
      log.info("the client followed the new SRV answer {} ms after it changed (interval {} ms)", followedMillis,
          INTERVAL.toMillis());
      assertTrue(followedMillis <= 2 * INTERVAL.toMillis(), "followed after " + followedMillis + " ms");

      Map<String, String> after = routes(cache);
      long moved = before.keySet().stream().filter(k -> !before.get(k).equals(after.get(k))).count();
      before.forEach((k, node) -> assertTrue(node.equals(after.get(k)) || after.get(k).equals(c.address().id()),
          k + " moved from " + node + " to " + after.get(k) + ", not to the added node"));
      log.info("{} of {} keys moved, all to the added node (ideal 1/3)", moved, before.size());
      assertTrue(moved > before.size() * 0.25 && moved < before.size() * 0.42, moved + " keys moved");

      String onC = after.entrySet().stream().filter(e -> e.getValue().equals(c.address().id())).findFirst()
          .orElseThrow().getKey();
      cache.set(onC, "found through SRV");
      assertEquals("found through SRV", rawC.get(onC));
    }
  }

  @Test
  void aFailingLookupKeepsTheLastGoodListAndIsLoggedOnceUntilItRecovers() {
    dns.answer(List.of(srv(a, 1), srv(b, 1)));
    try (LogCapture logs = new LogCapture(); Cache<String> cache = open()) {
      List<NodeAddress> good = cache.admin().config().nodes();
      dns.fail("SERVFAIL from the test");
      int asked = dns.lookups.get();
      await().atMost(Duration.ofSeconds(5)).until(() -> dns.lookups.get() >= asked + 4);
      assertEquals(good, cache.admin().config().nodes(), "the last good list stays");
      List<String> warnings = logs.messages(Level.WARN).stream().filter(m -> m.contains("looking up " + NAME)).toList();
      assertEquals(1, warnings.size(), "one warning for a run of failures: " + warnings);
      assertTrue(warnings.get(0).contains("failed (SERVFAIL from the test); keeping the last good node list"),
          warnings.get(0));
      cache.set("still", "working");
      assertEquals("working", cache.get("still"));

      dns.answer(List.of(srv(a, 1), srv(b, 1), srv(c, 3)));
      await().atMost(Duration.ofSeconds(5)).until(() -> cache.admin().config().nodes().size() == 3);
      assertTrue(logs.has(Level.INFO, NAME + " answers again"));
      assertTrue(cache.admin().config().nodes().contains(NodeAddress.of("127.0.0.1", c.port(), 3)),
          "an SRV record's weight is its node's ketama weight: " + cache.admin().config().nodes());
      dns.fail("SERVFAIL again");
      await().atMost(Duration.ofSeconds(5)).until(() -> logs.messages(Level.WARN).stream()
          .filter(m -> m.contains("looking up " + NAME)).count() == 2);
    }
  }

  @Test
  void aNameThatFindsNothingWhenTheClientOpensStopsTheOpenWithOneSentence() {
    dns.fail("no such name");
    ConfigException e = assertThrows(ConfigException.class, this::open);
    assertEquals("DNS lookup: cacheman.nodes = \"dns+srv:_cache._tcp.test\" found no node (no such name); a client "
        + "needs at least one to start", e.getMessage());
  }

  @Test
  void reconfiguringToAListedNodeListStopsTheLookups() {
    dns.answer(List.of(srv(a, 1), srv(b, 1)));
    try (Cache<String> cache = open()) {
      await().atMost(Duration.ofSeconds(5)).until(() -> dns.lookups.get() >= 3);
      cache.admin().reconfigure(cache.admin().config().toBuilder().discovery(null).nodes(a.address()).build());
      int asked = dns.lookups.get();
      await().during(INTERVAL.multipliedBy(3)).atMost(INTERVAL.multipliedBy(5))
          .until(() -> dns.lookups.get() <= asked + 1); // one lookup may have been under way
      assertEquals(List.of(a.address()), cache.admin().config().nodes());
    }
  }
}
