package io.cacheman.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files shipped for running the node as a service ({@code src/dist}): the systemd unit
 * starts the jar with the shipped properties file, that file is accepted by {@code --config} and
 * documents the true defaults, and the environment file sizes the heap by the documented rule.
 */
class ServicePackagingTest {
  private static final Path DIST = Path.of("src", "dist");

  @TempDir
  Path dir;

  @Test
  void unitRunsTheJarWithTheShippedConfigAsAnUnprivilegedUser() throws IOException {
    Map<String, List<String>> service = section(
        Files.readAllLines(DIST.resolve("systemd/cacheman-server.service")), "Service");
    String execStart = only(service, "ExecStart");
    assertTrue(execStart.startsWith("/usr/bin/java $JAVA_OPTS -jar "
        + "/opt/cacheman/cacheman-server.jar "), execStart);
    assertTrue(execStart.endsWith(" --config /etc/cacheman/server.properties"), execStart);
    assertEquals("cacheman", only(service, "User"));
    assertEquals("-/etc/default/cacheman-server", only(service, "EnvironmentFile"));
    assertEquals("on-failure", only(service, "Restart"));
    assertEquals("SIGTERM", only(service, "KillSignal"));
    assertEquals("yes", only(service, "NoNewPrivileges"));
    assertEquals("strict", only(service, "ProtectSystem"));
    // the node drains for at most 5 s; systemd must wait longer before it kills
    assertTrue(Integer.parseInt(only(service, "TimeoutStopSec")) > 5);
    assertTrue(Long.parseLong(only(service, "LimitNOFILE"))
        > ServerConfig.DEFAULT_MAX_CONNECTIONS + 256, "room for max-connections and the JVM");
  }

  @Test
  void shippedPropertiesAreAcceptedAndTheirDefaultsAreTheRealOnes() throws Exception {
    Path shipped = DIST.resolve("server.properties");
    String defaults = ServerConfig.builder().build().toString();
    assertEquals(defaults,
        ServerMain.resolve("--config", shipped.toString()).toString());

    // every commented "#key = value" with a value, uncommented, must give the same settings;
    // keys whose default is "none" or computed (threads, the TLS files) are shown empty
    List<String> documented = new ArrayList<>();
    StringBuilder active = new StringBuilder();
    Matcher m = Pattern.compile("(?m)^#([a-z-]+) =(.*)$").matcher(Files.readString(shipped));
    while (m.find()) {
      documented.add(m.group(1));
      if (!m.group(2).isBlank()) {
        active.append(m.group(1)).append(" =").append(m.group(2)).append('\n');
      }
    }
    assertEquals(ServerMain.CONFIG_KEYS.stream().sorted().toList(),
        documented.stream().sorted().toList(), "every key is in the shipped file");
    Path uncommented = Files.writeString(dir.resolve("server.properties"), active);
    assertEquals(defaults, ServerMain.resolve("--config", uncommented.toString()).toString());
  }

  @Test
  void environmentFileSizesHeapAndDirectMemoryByTheDocumentedRule() throws IOException {
    String env = Files.readString(DIST.resolve("default/cacheman-server"));
    Matcher m = Pattern.compile("(?m)^JAVA_OPTS=\"(.*)\"$").matcher(env);
    assertTrue(m.find(), env);
    List<String> options = List.of(m.group(1).split(" "));
    List<String> sizing = JvmSizing.options(ServerConfig.DEFAULT_MEMORY_LIMIT_BYTES,
        ServerConfig.DEFAULT_MAX_ITEM_SIZE);
    assertEquals(List.of("-Xmx77m", "-XX:MaxDirectMemorySize=189m"), sizing); // 100/8+64, 100+25+64
    assertTrue(options.containsAll(sizing), options.toString());
  }

  /** The {@code key=value} lines of one {@code [name]} section of a unit file. */
  private static Map<String, List<String>> section(List<String> lines, String name) {
    Map<String, List<String>> values = new HashMap<>();
    String current = null;
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[")) {
        current = line.substring(1, line.indexOf(']'));
      } else if (name.equals(current)) {
        int eq = line.indexOf('=');
        values.computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>())
            .add(line.substring(eq + 1));
      }
    }
    return values;
  }

  private static String only(Map<String, List<String>> section, String key) {
    List<String> values = section.getOrDefault(key, List.of());
    assertEquals(1, values.size(), key + ": " + values);
    return values.get(0);
  }
}
