package io.cacheman.bench.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stop-the-world GC pauses of a server JVM the bench starts, read from its unified GC log
 * ({@code -Xlog:gc}: one line per collection, {@code GC(7) Pause Young (Normal) (G1 Evacuation
 * Pause) 52M->12M(3136M) 4.512ms}).
 *
 * <p>Why the log and not {@code GarbageCollectorMXBean}: the beans give a count and a total time
 * per collector, so the longest pause needs their notifications, and those need a JMX connection
 * into the server: an agent, a port and threads in the very process being measured. And not every
 * pause is on a bean: G1's Remark and Cleanup pauses are charged to no collector's time on JDK 17.
 * The log names every pause with its duration, is written by the JVM itself, one line per pause,
 * and the server runs with nothing added but the option. Pauses that are not GCs (other
 * safepoints) are not in it; the get latencies measured alongside see those too.
 */
public final class GcLog implements AutoCloseable {
  private static final Pattern PAUSE = Pattern.compile("\\bPause (.+?) ([0-9]+(?:\\.[0-9]+)?)ms\\s*$");

  /** Pauses in a stretch of the log. */
  public record Pauses(int count, double longestMillis, double totalMillis, String longest) {}

  private final Path file;

  private GcLog(Path file) {
    this.file = file;
  }

  /** A log in a new temporary file, deleted on close. */
  public static GcLog create() throws IOException {
    return new GcLog(Files.createTempFile("cacheman-bench-gc-", ".log"));
  }

  /** The JVM option that writes the log: {@code gc} at info, no rotation (a line per collection). */
  public List<String> jvmOptions() {
    return List.of("-Xlog:gc:file=" + file + ":uptime,level,tags:filecount=0");
  }

  /** Where the log ends now: a mark for {@link #pausesBetween}. */
  public long mark() throws IOException {
    return Files.size(file);
  }

  /**
   * The pauses logged between two marks. The JVM flushes each line as it writes it, so a mark
   * taken after an event includes it.
   */
  public Pauses pausesBetween(long from, long to) throws IOException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      in.skipNBytes(from);
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, to - from));
    }
    return parse(new String(bytes, StandardCharsets.UTF_8).lines().toList());
  }

  /** The pauses among {@code lines} of a unified GC log; concurrent phases are not pauses. */
  static Pauses parse(List<String> lines) {
    int count = 0;
    double longest = 0;
    double total = 0;
    String which = "";
    for (String line : lines) {
      Matcher m = PAUSE.matcher(line);
      if (m.find()) {
        double millis = Double.parseDouble(m.group(2));
        count++;
        total += millis;
        if (millis > longest) {
          longest = millis;
          which = "Pause " + m.group(1).replaceAll(" \\S+->\\S+$", "");
        }
      }
    }
    return new Pauses(count, longest, total, which);
  }

  @Override
  public void close() throws IOException {
    Files.deleteIfExists(file);
  }
}
