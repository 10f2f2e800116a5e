package io.cacheman.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where {@link ConfigLoader} looks, in which order, and how system properties override the file. */
class ConfigLoaderTest {
  @TempDir Path dir;

  private Path workDir;
  private Path classpathDir;
  private Path fromProperty;
  private Path fromEnv;
  private final Map<String, String> sysProps = new HashMap<>();
  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void writeOneFilePerPlace() throws IOException {
    workDir = Files.createDirectories(dir.resolve("work"));
    classpathDir = Files.createDirectories(dir.resolve("classes"));
    fromProperty = write(dir.resolve("prop.properties"), "cacheman.nodes = prop:1\n");
    fromEnv = write(dir.resolve("env.properties"), "cacheman.nodes = env:1\n");
    write(classpathDir.resolve("cacheman.properties"), "cacheman.nodes = classpath:1\n");
    write(workDir.resolve("cacheman.properties"), "cacheman.nodes = workdir:1\n");
  }

  private static Path write(Path file, String text) throws IOException {
    return Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private CachemanConfig load() throws IOException {
    try (URLClassLoader classpath = new URLClassLoader(new URL[] {classpathDir.toUri().toURL()}, null)) {
      return new ConfigLoader(sysProps, env::get, classpath, workDir).find();
    }
  }

  private String firstHost() throws IOException {
    return load().nodes().get(0).host();
  }

  @Test
  void systemPropertyComesFirst() throws IOException {
    sysProps.put("cacheman.config", fromProperty.toString());
    env.put("CACHEMAN_CONFIG", fromEnv.toString());
    assertEquals("prop", firstHost());
  }

  @Test
  void thenTheEnvironmentVariable() throws IOException {
    env.put("CACHEMAN_CONFIG", fromEnv.toString());
    assertEquals("env", firstHost());
  }

  @Test
  void thenTheClasspath() throws IOException {
    assertEquals("classpath", firstHost());
  }

  @Test
  void thenTheWorkingDirectory() throws IOException {
    Files.delete(classpathDir.resolve("cacheman.properties"));
    assertEquals("workdir", firstHost());
  }

  @Test
  void blankVariablesCountAsUnset() throws IOException {
    sysProps.put("cacheman.config", " ");
    env.put("CACHEMAN_CONFIG", "");
    assertEquals("classpath", firstHost());
  }

  @Test
  void relativePathsResolveAgainstTheWorkingDirectory() throws IOException {
    write(workDir.resolve("other.properties"), "cacheman.nodes = other:1\n");
    sysProps.put("cacheman.config", "other.properties");
    assertEquals("other", firstHost());
  }

  @Test
  void nothingFoundListsEveryPlaceLookedAt() throws IOException {
    Files.delete(classpathDir.resolve("cacheman.properties"));
    Files.delete(workDir.resolve("cacheman.properties"));
    ConfigException e = assertThrows(ConfigException.class, this::load);
    assertEquals("cacheman.properties: not found: looked at system property cacheman.config (not set), "
        + "environment variable CACHEMAN_CONFIG (not set), classpath:cacheman.properties (absent) and "
        + workDir.resolve("cacheman.properties").toAbsolutePath() + " (absent)", e.getMessage());
  }

  @Test
  void aNamedFileThatIsMissingIsAnErrorNotAFallThrough() {
    sysProps.put("cacheman.config", "nope.properties");
    ConfigException e = assertThrows(ConfigException.class, this::load);
    assertEquals("system property: cacheman.config = \"nope.properties\" names a file that does not exist ("
        + workDir.resolve("nope.properties").toAbsolutePath() + ")", e.getMessage());
    env.put("CACHEMAN_CONFIG", "gone.properties");
    sysProps.clear();
    ConfigException fromEnvVar = assertThrows(ConfigException.class, this::load);
    assertEquals("environment variable", fromEnvVar.source());
    assertEquals("CACHEMAN_CONFIG", fromEnvVar.key());
  }

  @Test
  void errorsInAClasspathFileNameTheClasspath() throws IOException {
    write(classpathDir.resolve("cacheman.properties"), "cacheman.nodes = a:1\ncacheman.hashing = ring\n");
    ConfigException e = assertThrows(ConfigException.class, this::load);
    assertEquals("classpath:cacheman.properties line 2: cacheman.hashing = \"ring\" is not valid: "
        + "expected modulo or ketama", e.getMessage());
  }

  @Test
  void errorsInAFileNameItsAbsolutePath() throws IOException {
    Path file = write(dir.resolve("bad.properties"), "cacheman.nodes = a:1\n\ncacheman.retry.attempts = lots\n");
    ConfigException e = assertThrows(ConfigException.class,
        () -> new ConfigLoader(sysProps, env::get, null, workDir).fromFile(file));
    assertEquals(file.toAbsolutePath() + " line 3: cacheman.retry.attempts = \"lots\" is not valid: "
        + "expected a whole number", e.getMessage());
  }

  @Test
  void systemPropertiesOverrideTheFile() throws IOException {
    write(classpathDir.resolve("cacheman.properties"),
        "cacheman.nodes = a:1\ncacheman.hashing = modulo\ncacheman.operation-timeout = 1s\n");
    sysProps.put("cacheman.hashing", "ketama");
    sysProps.put("cacheman.nodes", "b:2,c:3");
    sysProps.put("java.version", "not ours, ignored");
    CachemanConfig config = load();
    assertEquals(Hashing.KETAMA, config.hashing());
    assertEquals(List.of(NodeAddress.of("b", 2), NodeAddress.of("c", 3)), config.nodes());
    assertEquals(Duration.ofSeconds(1), config.operationTimeout());
  }

  @Test
  void overridesApplyToAnExplicitFileToo() throws IOException {
    sysProps.put("cacheman.connections-per-node", "8");
    CachemanConfig config = new ConfigLoader(sysProps, env::get, null, workDir).fromFile(fromEnv);
    assertEquals(8, config.connectionsPerNode());
    assertEquals("env", config.nodes().get(0).host());
  }

  @Test
  void unreadableOrWrongFiles() throws IOException {
    ConfigLoader loader = new ConfigLoader(sysProps, env::get, null, workDir);
    Path missing = dir.resolve("missing.properties");
    assertEquals(missing + ": does not exist", assertThrows(ConfigException.class, () -> loader.fromFile(missing)).getMessage());
    assertEquals(dir + ": is a directory, not a settings file",
        assertThrows(ConfigException.class, () -> loader.fromFile(dir)).getMessage());
    Path latin1 = dir.resolve("latin1.properties");
    Files.write(latin1, "cacheman.nodes = caf\u00e9:1\n".getBytes(StandardCharsets.ISO_8859_1));
    assertEquals(latin1 + ": is not UTF-8 text", assertThrows(ConfigException.class, () -> loader.fromFile(latin1)).getMessage());
    Path huge = dir.resolve("huge.properties");
    Files.write(huge, new byte[ConfigLoader.MAX_FILE_BYTES + 1]);
    assertEquals(huge + ": is larger than 1024 KiB, which is not a settings file",
        assertThrows(ConfigException.class, () -> loader.fromFile(huge)).getMessage());
  }

  @Test
  void aByteOrderMarkIsSkipped() throws IOException {
    Path bom = write(dir.resolve("bom.properties"), "\uFEFFcacheman.nodes = bom:1\n");
    assertEquals("bom", new ConfigLoader(sysProps, env::get, null, workDir).fromFile(bom).nodes().get(0).host());
  }

  @Test
  void publicLoadOfAPathReadsIt() {
    assertEquals("prop", ConfigLoader.load(fromProperty).nodes().get(0).host());
  }

  private Path located() throws IOException {
    try (URLClassLoader classpath = new URLClassLoader(new URL[] {classpathDir.toUri().toURL()}, null)) {
      return new ConfigLoader(sysProps, env::get, classpath, workDir).locateSource().file();
    }
  }

  @Test
  void locateNamesTheFileLoadReadsSoItCanBeWatched() throws IOException {
    assertNull(located(), "the classpath resource is not a file to watch");
    Files.delete(classpathDir.resolve("cacheman.properties"));
    assertEquals(workDir.resolve("cacheman.properties").toAbsolutePath(), located());
    env.put("CACHEMAN_CONFIG", fromEnv.toString());
    assertEquals(fromEnv.toAbsolutePath(), located());
    sysProps.put("cacheman.config", "nope.properties");
    assertThrows(ConfigException.class, this::located);
  }

  @Test
  void reloadIntervalIsADurationAndZeroTurnsWatchingOff() {
    assertEquals(Duration.ofSeconds(2), ConfigLoader.parse("cacheman.nodes = a:1", "t").reloadInterval());
    assertEquals(Duration.ZERO,
        ConfigLoader.parse("cacheman.nodes = a:1\ncacheman.reload-interval = 0s", "t").reloadInterval());
    ConfigException e = assertThrows(ConfigException.class, () -> CachemanConfig.builder()
        .nodes(NodeAddress.of("a", 1)).reloadInterval(Duration.ofSeconds(-1)).build());
    assertEquals("cacheman.reload-interval", e.key());
    assertEquals("CachemanConfig.Builder: cacheman.reload-interval = \"PT-1S\" is not valid: expected 0s (never) "
        + "or a positive duration up to 1d", e.getMessage());
  }
}
