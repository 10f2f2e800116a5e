package io.cacheman.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way a settings file can be wrong, and the one sentence each produces. */
class ConfigErrorsTest {
  private static final String FILE = "/etc/app/cacheman.properties";
  private static final String NODES = "cacheman.nodes = 10.0.0.1:16180\n";

  private static ConfigException failure(String text) {
    return assertThrows(ConfigException.class, () -> ConfigLoader.parse(text, FILE));
  }

  @Test
  void badEnumValueNamesFileLineKeyValueAndTheChoices() {
    ConfigException e = failure("# cache\n" + NODES + "\n\n\n\ncacheman.hashing = ketma\n");
    assertEquals(FILE + " line 7: cacheman.hashing = \"ketma\" is not valid: expected modulo or ketama", e.getMessage());
    assertEquals(FILE, e.source());
    assertEquals(7, e.line());
    assertEquals("cacheman.hashing", e.key());
    assertEquals("ketma", e.value());
    assertEquals("is not valid: expected modulo or ketama", e.reason());
  }

  @Test
  void unknownKeySuggestsTheNearestValidKey() {
    ConfigException e = failure(NODES + "\ncacheman.conections-per-node = 4\n");
    assertEquals(FILE + " line 3: unknown key cacheman.conections-per-node (did you mean cacheman.connections-per-node?)",
        e.getMessage());
    assertEquals("cacheman.conections-per-node", e.key());
    assertEquals("4", e.value());
    assertEquals(3, e.line());
  }

  @ParameterizedTest
  @CsvSource({
      "cacheman.operationTimeout, cacheman.operation-timeout",
      "cacheman.failover_mode, cacheman.failover.mode",
      "cacheman.hashin, cacheman.hashing",
      "cacheman.node, cacheman.nodes",
      "cacheman.compression.treshold, cacheman.compression.threshold",
      "cacheman.default_ttl, cacheman.default-ttl",
  })
  void typosFindTheirKey(String typo, String meant) {
    ConfigException e = failure(NODES + typo + " = x\n");
    assertEquals(FILE + " line 2: unknown key " + typo + " (did you mean " + meant + "?)", e.getMessage());
  }

  @Test
  void unknownKeyFarFromAnyOtherGetsNoGuess() {
    ConfigException e = failure(NODES + "cacheman.favourite-colour = blue\n");
    assertEquals(FILE + " line 2: unknown key cacheman.favourite-colour (it is not a Cacheman setting; see docs/config.md)",
        e.getMessage());
  }

  @Test
  void keysOfOtherLibrariesAreIgnored() {
    CachemanConfig config = ConfigLoader.parse(NODES + "logging.level = debug\nspring.cache.type=none\ncachemanx = 1\n", FILE);
    assertEquals(1, config.nodes().size());
  }

  @Test
  void missingNodeList() {
    ConfigException e = failure("cacheman.hashing = ketama\n");
    assertEquals(FILE + ": cacheman.nodes is missing: list the cache nodes as host:port[:weight], separated by commas",
        e.getMessage());
    assertEquals(0, e.line());
    assertEquals("cacheman.nodes", e.key());
    assertNull(e.value());
  }

  @Test
  void emptyNodeList() {
    ConfigException e = failure("cacheman.nodes =\n");
    assertEquals(FILE + " line 1: cacheman.nodes = \"\" is not valid: the node list is empty: expected "
        + "host:port[:weight] entries separated by commas, such as 10.0.0.1:16180,10.0.0.2:16180:2,[::1]:16180",
        e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "localhost | entry \"localhost\" has no port",
      "a:1,,b:2 | it has an empty entry",
      "::1:16180 | entry \"::1:16180\" looks like an IPv6 address: write it in brackets, as [::1]:16180",
      "[::1:16180 | entry \"[::1:16180\" opens [ without closing it: write IPv6 as [::1]:16180",
      "[nope]:1 | entry \"[nope]:1\" has \"nope\" in brackets, which is not an IPv6 address",
      "[::1] | entry \"[::1]\" has no port",
      "h:0 | entry \"h:0\" has port 0: expected 1..65535",
      "h:65536 | entry \"h:65536\" has port 65536: expected 1..65535",
      "h:http | entry \"h:http\" has port \"http\": expected a whole number",
      "h:1:0 | entry \"h:1:0\" has weight 0: expected at least 1",
      "h:1:x | entry \"h:1:x\" has weight \"x\": expected a whole number",
      "h:1:99999999999 | entry \"h:1:99999999999\" has weight 99999999999, which is far too large",
      "[::1]:1:2:3 | entry \"[::1]:1:2:3\" has too many parts",
      "my host:1 | entry \"my host:1\" has an invalid host \"my host\": use a host name, an IPv4 address or [IPv6]",
  })
  void badNodeEntries(String nodes, String expected) {
    ConfigException e = failure("cacheman.nodes = " + nodes + "\n");
    assertEquals(1, e.line());
    assertEquals(nodes, e.value());
    String prefix = FILE + " line 1: cacheman.nodes = \"" + nodes + "\" is not valid: " + expected;
    assertEquals(prefix, e.getMessage().substring(0, Math.min(prefix.length(), e.getMessage().length())));
  }

  @Test
  void repeatedNodeIsCaughtByTheBuilderAndReportedAtItsLine() {
    ConfigException e = failure("\ncacheman.nodes = a:1, b:2, a:1:3\n");
    assertEquals(FILE + " line 2: cacheman.nodes = \"a:1, b:2, a:1:3\" is not valid: lists a:1 twice", e.getMessage());
  }

  @Test
  void durationWithoutUnitSaysToAddOne() {
    ConfigException e = failure(NODES + "cacheman.operation-timeout = 250\n");
    assertEquals(FILE + " line 2: cacheman.operation-timeout = \"250\" is not valid: "
        + "a duration needs a unit: write 250ms, 250s or 250m", e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "cacheman.connect-timeout = soon | is not valid: expected a duration such as 250ms, 2s, 1m, 1h or PT0.5S",
      "cacheman.connect-timeout = 5 weeks | is not valid: unknown time unit \"weeks\": use ns, us, ms, s, m, h or d",
      "cacheman.connect-timeout = PTX | is not valid: expected a duration such as 250ms, 2s, 1m, 1h or PT0.5S",
      "cacheman.connect-timeout = 0s | is not valid: expected a positive duration up to 10m",
      "cacheman.connect-timeout = 30d | is not valid: expected a positive duration up to 10m",
      "cacheman.operation-timeout = 99999999d | is not valid: expected a positive duration up to 1h",
      "cacheman.retry.attempts = many | is not valid: expected a whole number",
      "cacheman.retry.attempts = 11 | is not valid: expected 0..10",
      "cacheman.connections-per-node = 0 | is not valid: expected 1..64",
      "cacheman.connections-per-node = 65 | is not valid: expected 1..64",
      "cacheman.max-in-flight = 0 | is not valid: expected at least 1",
      "cacheman.failover.failure-threshold = -1 | is not valid: expected at least 1",
      "cacheman.failover.retry-interval = 0 | is not valid: expected a positive duration up to 1h",
      "cacheman.failover.mode = sometimes | is not valid: expected redistribute or fail-fast",
      "cacheman.ketama.node-names = twemproxy | is not valid: expected libmemcached or spymemcached",
      "cacheman.keys.too-long = truncate | is not valid: expected reject or hash",
      "cacheman.compression.threshold = 1g | is not valid: unknown size unit \"g\": use k (KiB) or m (MiB), or plain bytes",
      "cacheman.compression.threshold = -1 | is not valid: expected a size in bytes such as 16384, 16k or 1MiB",
      "cacheman.compression.threshold = 4096m | is not valid: a size must be at most 2147483647 bytes",
      "cacheman.default-ttl = -PT1S | is not valid: expected 0s (no expiry) or a positive duration that ends before 2038-01-19T03:14:07Z, the last expiry time memcached can carry",
      "cacheman.default-ttl = 15000d | is not valid: expected 0s (no expiry) or a positive duration that ends before 2038-01-19T03:14:07Z, the last expiry time memcached can carry",
      "cacheman.max-value-size = 100 | is not valid: expected 1KiB..1024MiB",
      "cacheman.failover.on-return = later | is not valid: expected flush, wait or none",
      "cacheman.failover.return-log-size = -1 | is not valid: expected 0..10000000",
      "cacheman.reconnect.min-backoff = 0ms | is not valid: expected a positive duration up to 1h",
      "cacheman.serialization.filter = maxdepth=x | is not valid: expected an ObjectInputFilter pattern such as "
          + "java.base/*;!* (For input string: \"x\")",
  })
  void badValues(String line, String reason) {
    ConfigException e = failure(NODES + line + "\n");
    String key = line.substring(0, line.indexOf(' '));
    String value = line.substring(line.indexOf('=') + 1).strip();
    assertEquals(FILE + " line 2: " + key + " = \"" + value + "\" " + reason, e.getMessage());
    assertEquals(key, e.key());
    assertEquals(value, e.value());
    assertEquals(2, e.line());
  }

  @Test
  void backoffsThatDisagreeNameTheLineOfTheMaxBackoff() {
    ConfigException e = failure(NODES + "cacheman.reconnect.max-backoff = 1s\ncacheman.reconnect.min-backoff = 2s\n");
    assertEquals(FILE + " line 2: cacheman.reconnect.max-backoff = \"1s\" is not valid: expected at least "
        + "cacheman.reconnect.min-backoff (2s)", e.getMessage());
  }

  @Test
  void aMinBackoffAboveTheDefaultMaxNamesTheDefault() {
    ConfigException e = failure(NODES + "cacheman.reconnect.min-backoff = 1m\n");
    assertEquals(FILE + ": cacheman.reconnect.max-backoff = \"5s\" is not valid: expected at least "
        + "cacheman.reconnect.min-backoff (1m)", e.getMessage());
  }

  @Test
  void duplicateKeyNamesBothLines() {
    ConfigException e = failure(NODES + "cacheman.hashing = modulo\n# later\ncacheman.hashing = ketama\n");
    assertEquals(FILE + " line 4: cacheman.hashing = \"ketama\" repeats the key already set on line 2; "
        + "keep one of the two", e.getMessage());
  }

  @Test
  void malformedUnicodeEscape() {
    ConfigException e = failure(NODES + "cacheman.serialization.filter = java.base/*;\\u12G4\n");
    assertEquals(FILE + " line 2: cacheman.serialization.filter has a malformed escape \\u12G4 "
        + "(expected \\u and four hex digits)", e.getMessage());
  }

  @Test
  void badOverrideNamesTheSystemProperty() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse(NODES, FILE, Map.of("cacheman.hashing", "ketma")));
    assertEquals("system property: cacheman.hashing = \"ketma\" is not valid: expected modulo or ketama", e.getMessage());
    assertEquals(0, e.line());
  }

  @Test
  void unknownOverrideKeyIsAnErrorToo() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse(NODES, FILE, Map.of("cacheman.hashng", "ketama")));
    assertEquals("system property: unknown key cacheman.hashng (did you mean cacheman.hashing?)", e.getMessage());
  }

  @Test
  void controlCharactersInValuesAreEscapedInTheMessage() {
    ConfigException e = failure(NODES + "cacheman.hashing = ket\\tama\"\n");
    assertEquals(FILE + " line 2: cacheman.hashing = \"ket\\u0009ama\\\"\" is not valid: expected modulo or ketama",
        e.getMessage());
  }

  @Test
  void builderErrorsNameTheKeyToo() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> CachemanConfig.builder().nodes(NodeAddress.of("h", 1)).connectionsPerNode(0).build());
    assertEquals("CachemanConfig.Builder: cacheman.connections-per-node = \"0\" is not valid: expected 1..64",
        e.getMessage());
    ConfigException none = assertThrows(ConfigException.class, () -> CachemanConfig.builder().build());
    assertEquals("CachemanConfig.Builder: cacheman.nodes = \"\" is not valid: expected at least one node",
        none.getMessage());
  }
}
