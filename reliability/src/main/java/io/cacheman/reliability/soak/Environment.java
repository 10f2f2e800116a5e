package io.cacheman.reliability.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** One line saying what a run ran on: CPU model and count, memory, JDK. */
public final class Environment {
  private Environment() {}

  /** For example {@code 2 x Intel(R) Xeon(R) ..., 23 GB RAM, OpenJDK 17.0.15 (Debian)}. */
  public static String describe() {
    String cpu = read("/proc/cpuinfo", "model name").orElse("unknown CPU");
    String mem = read("/proc/meminfo", "MemTotal").map(v -> (Long.parseLong(v.split("\\s+")[0]) >> 20) + " GB RAM")
        .orElse("unknown RAM");
    return Runtime.getRuntime().availableProcessors() + " x " + cpu + ", " + mem + ", "
        + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + " ("
        + System.getProperty("java.vendor") + ")";
  }

  /** The first three fields of {@code /proc/loadavg}, e.g. {@code 3.12 2.80 2.41}, or "unknown". */
  public static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static Optional<String> read(String file, String field) {
    try {
      return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(field))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
