package io.cacheman.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.config.internal.KeyCatalog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code cacheman.nodes} as a DNS name, {@code cacheman.discovery.interval}, and settings given as a map. */
class DiscoveryConfigTest {
  private static final String FILE = "/etc/app/cacheman.properties";

  @Test
  void aDnsNameStandsForTheNodeList() {
    CachemanConfig config = ConfigLoader.parse("cacheman.nodes = dns:cache.example.com:16180\n", FILE);
    assertEquals(Discovery.dns("cache.example.com", 16180), config.discovery().orElseThrow());
    assertEquals(List.of(), config.nodes(), "no node is known before a client looks the name up");
    assertEquals(KeyCatalog.DEFAULT_DISCOVERY_INTERVAL, config.discoveryInterval());
  }

  @Test
  void anSrvNameAndItsIntervalReadBackAsWritten() {
    CachemanConfig config = ConfigLoader.parse(
        "cacheman.nodes = dns+srv:_memcache._tcp.example.com\ncacheman.discovery.interval = 30s\n", FILE);
    assertEquals(Discovery.srv("_memcache._tcp.example.com"), config.discovery().orElseThrow());
    assertEquals(Duration.ofSeconds(30), config.discoveryInterval());
    assertEquals(config, ConfigLoader.parse(KeyCatalog.toProperties(config), "round trip"));
  }

  @Test
  void aLookedUpConfigKeepsItsNameAndHoldsTheNodesFound() {
    CachemanConfig found = ConfigLoader.parse("cacheman.nodes = dns:cache.test:16180", FILE).toBuilder()
        .nodes(NodeAddress.of("10.0.0.1", 16180)).build();
    assertEquals("dns:cache.test:16180", found.discovery().orElseThrow().toString());
    assertEquals(List.of(NodeAddress.of("10.0.0.1", 16180)), found.nodes());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "dns:cache.test | \"dns:cache.test\" has no port: expected dns:HOST:PORT",
      "dns:cache.test:0 | \"dns:cache.test:0\" has port \"0\": expected 1..65535",
      "dns:cache.test:http | has port \"http\": expected 1..65535",
      "dns:cache test:16180 | \"cache test\" is not a DNS name",
      "dns+srv: | \"\" is not a DNS name",
      "dns:a.test:1, 10.0.0.1:2 | a DNS name stands for the whole node list",
  })
  void aBadDnsFormIsOneSentenceNamingTheLineKeyAndValue(String value, String reason) {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse("# nodes\ncacheman.nodes = " + value + "\n", FILE));
    assertTrue(e.getMessage().startsWith(FILE + " line 2: cacheman.nodes = \"" + value + "\" is not valid: "),
        e.getMessage());
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  @Test
  void aZeroIntervalIsRefused() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
        "cacheman.nodes = dns:cache.test:1\ncacheman.discovery.interval = 0s\n", FILE));
    assertEquals(FILE + " line 2: cacheman.discovery.interval = \"0s\" is not valid: expected a positive duration "
        + "up to 1d", e.getMessage());
  }

  @Test
  void settingsGivenAsAMapGoThroughTheSameChecks() {
    CachemanConfig config = ConfigLoader.parse(Map.of("cacheman.nodes", "127.0.0.1:16181, 127.0.0.1:16182",
        "cacheman.hashing", "ketama", "spring.application.name", "ignored"), "application.properties");
    assertEquals(Hashing.KETAMA, config.hashing());
    assertEquals(2, config.nodes().size());

    ConfigException bad = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
        Map.of("cacheman.nodes", "127.0.0.1:16181", "cacheman.hashing", "ketma"), "application.properties"));
    assertEquals("application.properties: cacheman.hashing = \"ketma\" is not valid: expected modulo or ketama",
        bad.getMessage());
    ConfigException typo = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
        Map.of("cacheman.nodes", "127.0.0.1:16181", "cacheman.operation-timout", "1s"), "application.yml"));
    assertEquals("application.yml: unknown key cacheman.operation-timout (did you mean cacheman.operation-timeout?)",
        typo.getMessage());
    ConfigException missing = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse(Map.of("cacheman.hashing", "ketama"), "application.yml"));
    assertEquals("application.yml: cacheman.nodes is missing: list the cache nodes as host:port[:weight], "
        + "separated by commas", missing.getMessage());
  }
}
