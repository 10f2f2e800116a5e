package io.cacheman.bench.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The curve of {@code fill --csv FILE --point X}: a row per server per run, appended, which {@code
 * plot} draws like a {@link CurveCsv} (it tells the two apart by the header). A server that is not
 * a JVM has no GC figures: those fields are empty.
 */
final class FillCsv {
  static final String HEADER = "point,server,items,bytes_per_item,fill_per_s,get_p50_us,get_p99_us,get_p999_us,"
      + "get_max_us,gets,gc_pauses,gc_max_ms,gc_total_ms,rss_before_mb,rss_after_mb";
  static final String METRICS = "bytes, fill, p50, p99, p999, max or gc-max";
  private static final int FIELDS = HEADER.split(",").length;

  /** One server's figures at one point; the GC figures are NaN for a server without a GC. */
  record Row(double point, String server, long items, double bytesPerItem, double fillPerSecond, double p50Micros,
      double p99Micros, double p999Micros, double maxMicros, long gets, double gcPauses, double gcMaxMillis,
      double gcTotalMillis, double rssBeforeMb, double rssAfterMb) {

    double metric(String metric) {
      return switch (metric) {
        case "bytes" -> bytesPerItem;
        case "fill" -> fillPerSecond;
        case "p50" -> p50Micros;
        case "p99" -> p99Micros;
        case "p999" -> p999Micros;
        case "max" -> maxMicros;
        case "gc-max" -> gcMaxMillis;
        default -> throw new IllegalArgumentException("--metric of a fill curve must be " + METRICS + ", was '"
            + metric + "'");
      };
    }

    private String csv() {
      return String.format(Locale.ROOT, "%s,%s,%d,%.1f,%.0f,%.0f,%.0f,%.0f,%.0f,%d,%s,%s,%s,%.0f,%.0f",
          CurveCsv.format(point), server, items, bytesPerItem, fillPerSecond, p50Micros, p99Micros, p999Micros,
          maxMicros, gets, optional(gcPauses, "%.0f"), optional(gcMaxMillis, "%.2f"), optional(gcTotalMillis, "%.1f"),
          rssBeforeMb, rssAfterMb);
    }
  }

  private FillCsv() {}

  /** The y axis' label for {@code metric}. */
  static String yLabel(String metric) {
    return switch (metric) {
      case "bytes" -> "resident bytes per item";
      case "fill" -> "fill rate, items/s";
      case "p50", "p99", "max" -> metric + " get latency while filling, µs";
      case "p999" -> "p99.9 get latency while filling, µs";
      default -> "longest GC pause while filling, ms";
    };
  }

  /** Whether {@code file} is a fill curve (and not a {@link CurveCsv}). */
  static boolean isFillCurve(Path file) throws IOException {
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines.findFirst().orElse("").trim().equals(HEADER);
    }
  }

  static void append(Path file, List<Row> rows) throws IOException {
    StringBuilder text = new StringBuilder();
    if (!Files.exists(file) || Files.size(file) == 0) {
      text.append(HEADER).append('\n');
    } else if (!isFillCurve(file)) {
      throw new IllegalArgumentException(file + " is not a fill curve (its first line is not '" + HEADER + "')");
    }
    rows.forEach(r -> text.append(r.csv()).append('\n'));
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /**
   * {@code metric} of every server (in the order they first appear) over the points.
   *
   * @throws IllegalArgumentException naming the file, line and what is wrong
   */
  static Map<String, TreeMap<Double, Double>> series(Path file, String metric) throws IOException {
    List<Row> rows = read(file);
    Map<String, TreeMap<Double, Double>> series = new LinkedHashMap<>();
    for (Row row : rows) {
      double value = row.metric(metric);
      if (!Double.isNaN(value)) { // memcached has no GC
        series.computeIfAbsent(row.server(), s -> new TreeMap<>()).put(row.point(), value);
      }
    }
    return series;
  }

  static List<Row> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(",", -1);
      if (f.length != FIELDS || f[1].isBlank()) {
        throw new IllegalArgumentException(file + ": line " + (i + 1) + ": expected " + FIELDS + " fields (" + HEADER
            + "): " + line);
      }
      try {
        rows.add(new Row(number(f[0]), f[1].trim(), Long.parseLong(f[2].trim()), number(f[3]), number(f[4]),
            number(f[5]), number(f[6]), number(f[7]), number(f[8]), Long.parseLong(f[9].trim()), number(f[10]),
            number(f[11]), number(f[12]), number(f[13]), number(f[14])));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(file + ": line " + (i + 1) + ": not a number: " + e.getMessage());
      }
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException(file + ": no rows after the header");
    }
    return rows;
  }

  private static double number(String field) {
    return field.isBlank() ? Double.NaN : Double.parseDouble(field.trim());
  }

  private static String optional(double value, String format) {
    return Double.isNaN(value) ? "" : String.format(Locale.ROOT, format, value);
  }
}
