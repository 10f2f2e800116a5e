package io.cacheman.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Nodes started as processes the way the jar starts them ({@code ServerMain} on the test
 * classpath), their output captured in a temporary file so a test can wait for a line or grep it.
 */
final class NodeProcesses {
  private static final Map<Process, Path> LOGS = new ConcurrentHashMap<>();

  private NodeProcesses() {}

  static Process launch(List<String> jvmArgs, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.cacheman.server.ServerMain");
    cmd.addAll(List.of(args));
    Path log = Files.createTempFile("cacheman-server", ".log");
    log.toFile().deleteOnExit();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    LOGS.put(p, log);
    return p;
  }

  static String output(Process p) throws IOException {
    return Files.readString(LOGS.get(p), StandardCharsets.UTF_8);
  }

  /** Waits until the process has printed a line containing {@code text}, and returns it. */
  static String awaitLine(Process p, String text) {
    // a JVM starting on a loaded 2-core machine can take well over the usual 10 s
    Waits.await().atMost(Duration.ofSeconds(60))
        .until(() -> output(p).contains(text) || !p.isAlive());
    try {
      return output(p).lines().filter(l -> l.contains(text)).findFirst()
          .orElseThrow(() -> new AssertionError("process ended before printing '" + text
              + "'"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
