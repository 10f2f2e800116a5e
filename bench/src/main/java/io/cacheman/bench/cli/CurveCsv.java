package io.cacheman.bench.cli;

import io.cacheman.bench.load.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One point of a curve per {@code compare} run ({@code --csv FILE --point X}): a row per
 * configuration with its medians, appended to a CSV that {@code plot} draws. The point is the
 * curve's x (a number: threads, nodes, bytes, keys per multi-get).
 *
 * <p>Files written before keys/s was recorded have only the first six columns ({@link
 * #HEADER_V1}); they are still read (keys/s is then ops/s, CPU per key is CPU per request, p50 is
 * unknown), and points appended to one keep its six columns.
 */
final class CurveCsv {
  static final String HEADER_V1 = "point,config,ops_per_s,p99_us,cpu_us_per_op,errors";
  static final String HEADER = HEADER_V1 + ",keys_per_s,p50_us,cpu_us_per_key";

  /** The figures {@code plot --metric} draws, as the help and the error name them. */
  static final String METRICS = "ops, keys, p50, p99, cpu, cpu-key or mbps";

  /** A configuration's medians at one point. */
  record Row(double point, String config, double opsPerSecond, double p99Micros, double cpuMicrosPerOp, long errors,
      double keysPerSecond, double p50Micros, double cpuMicrosPerKey) {

    /**
     * The figure {@code metric} names: {@code ops}, {@code keys} (keys/s), {@code p50}, {@code p99},
     * {@code cpu} (per request), {@code cpu-key}, or {@code mbps}: ops/s × the point / 10^6, the
     * MB/s of a curve whose point is the value size.
     */
    double metric(String metric) {
      return switch (metric) {
        case "ops" -> opsPerSecond;
        case "keys" -> keysPerSecond;
        case "p50" -> p50Micros;
        case "p99" -> p99Micros;
        case "cpu" -> cpuMicrosPerOp;
        case "cpu-key" -> cpuMicrosPerKey;
        case "mbps" -> opsPerSecond * point / 1e6;
        default -> throw new IllegalArgumentException("--metric must be " + METRICS + ", was '" + metric + "'");
      };
    }
  }

  private CurveCsv() {}

  static void append(Path file, double point, Map<String, List<RunResult>> results) throws IOException {
    StringBuilder rows = new StringBuilder();
    boolean fresh = !Files.exists(file) || Files.size(file) == 0;
    boolean v1 = !fresh && firstLine(file).equals(HEADER_V1);
    if (fresh) {
      rows.append(HEADER).append('\n');
    }
    results.forEach((config, runs) -> {
      rows.append(String.format(Locale.ROOT, "%s,%s,%.1f,%.1f,%.3f,%d", format(point), config,
          median(runs, RunResult::opsPerSecond), median(runs, r -> r.latencyMicros(99)),
          median(runs, RunResult::cpuMicrosPerOp), runs.stream().mapToLong(r -> r.counts().errors()).sum()));
      if (!v1) {
        rows.append(String.format(Locale.ROOT, ",%.1f,%.1f,%.4f", median(runs, RunResult::keysPerSecond),
            median(runs, r -> r.latencyMicros(50)), median(runs, RunResult::cpuMicrosPerKey)));
      }
      rows.append('\n');
    });
    Files.writeString(file, rows, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static double median(List<RunResult> runs, ToDoubleFunction<RunResult> metric) {
    return CompareReport.median(CompareReport.values(runs, metric));
  }

  private static String firstLine(Path file) throws IOException {
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines.findFirst().orElse("").trim();
    }
  }

  /**
   * Reads what {@link #append} wrote.
   *
   * @throws IllegalArgumentException naming the file, line and what is wrong
   */
  static List<Row> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    String header = lines.isEmpty() ? "" : lines.get(0).trim();
    if (!header.equals(HEADER) && !header.equals(HEADER_V1)) {
      throw new IllegalArgumentException(file + ": line 1 must be the header '" + HEADER + "'");
    }
    int fields = header.split(",").length;
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(",", -1);
      if (f.length != fields || f[1].isBlank()) {
        throw new IllegalArgumentException(file + ": line " + (i + 1) + ": expected " + fields + " fields (" + header
            + "): " + line);
      }
      try {
        double ops = Double.parseDouble(f[2]);
        double cpu = Double.parseDouble(f[4]);
        boolean v1 = fields == 6;
        rows.add(new Row(Double.parseDouble(f[0]), f[1].trim(), ops, Double.parseDouble(f[3]), cpu,
            Long.parseLong(f[5].trim()), v1 ? ops : Double.parseDouble(f[6]), v1 ? Double.NaN : Double.parseDouble(f[7]),
            v1 ? cpu : Double.parseDouble(f[8])));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(file + ": line " + (i + 1) + ": not a number: " + e.getMessage());
      }
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException(file + ": no rows after the header");
    }
    return rows;
  }

  static String format(double point) {
    return point == Math.rint(point) ? Long.toString((long) point) : Double.toString(point);
  }
}
