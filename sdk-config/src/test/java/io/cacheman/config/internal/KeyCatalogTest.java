package io.cacheman.config.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cacheman.config.CachemanConfig;
import io.cacheman.config.ConfigLoader;
import io.cacheman.config.NodeAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The catalog is the one source of keys and defaults: the builder, docs/config.md and the README must agree with it. */
class KeyCatalogTest {
  private static final Path DOCS = Path.of("..", "docs", "config.md");
  private static final Path README = Path.of("..", "README.md");
  private static final Pattern ROW = Pattern.compile("^\\|\\s*`(cacheman\\.[^`]+)`\\s*\\|\\s*`?([^|`]*?)`?\\s*\\|.*$");

  @Test
  void everyKeyIsUnderThePrefixAndAppearsOnce() {
    assertEquals(KeyCatalog.all().size(), KeyCatalog.all().stream().map(KeyCatalog.Setting::key).distinct().count());
    KeyCatalog.all().forEach(s -> assertTrue(s.key().startsWith(KeyCatalog.PREFIX), s.key()));
  }

  @Test
  void theBuildersDefaultsAreTheCatalogsDefaults() {
    CachemanConfig defaults = CachemanConfig.builder().nodes(NodeAddress.of("h", 1)).build();
    for (KeyCatalog.Setting s : KeyCatalog.all()) {
      if (!s.key().equals(KeyCatalog.NODES)) {
        String written = s.defaultValue().equals(KeyCatalog.NONE) ? "" : s.defaultValue();
        assertEquals(written, s.write().apply(defaults), s.key());
      }
    }
  }

  @Test
  void aFileWithOnlyNodesGetsEveryDefault() {
    assertEquals(CachemanConfig.builder().nodes(NodeAddress.of("h", 1)).build(),
        ConfigLoader.parse("cacheman.nodes = h:1", "test"));
  }

  @Test
  void typoHints() {
    assertEquals("cacheman.connections-per-node", KeyCatalog.nearest("cacheman.conections-per-node"));
    assertEquals("cacheman.max-in-flight", KeyCatalog.nearest("cacheman.maxInFlight"));
    assertNull(KeyCatalog.nearest("cacheman.zzzzzzzzzzzzzzzz"));
  }

  @Test
  void docsTableListsExactlyTheCatalogsKeysAndDefaults() throws IOException {
    assertTableMatchesCatalog(DOCS);
  }

  @Test
  void readmeTableListsExactlyTheCatalogsKeysAndDefaults() throws IOException {
    assertTableMatchesCatalog(README);
  }

  private static void assertTableMatchesCatalog(Path file) throws IOException {
    Map<String, String> documented = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        documented.put(m.group(1), m.group(2).strip());
      }
    }
    Map<String, String> catalog = new LinkedHashMap<>();
    KeyCatalog.all().forEach(s -> catalog.put(s.key(), s.defaultValue()));
    if (!documented.equals(catalog)) {
      fail(file + "'s table of keys is out of date; these rows match KeyCatalog:\n" + expectedTable());
    }
  }

  private static String expectedTable() {
    StringBuilder out = new StringBuilder("| key | default | meaning |\n|---|---|---|\n");
    for (KeyCatalog.Setting s : KeyCatalog.all()) {
      String dflt = s.defaultValue().startsWith("(") ? s.defaultValue() : "`" + s.defaultValue() + "`";
      out.append("| `").append(s.key()).append("` | ").append(dflt).append(" | ").append(s.meaning()).append(" |\n");
    }
    return out.toString();
  }
}
