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

/**
 * One point of a curve per {@code compare} run ({@code --csv FILE --point X}): a row per
 * configuration with its medians, appended to a CSV that {@code plot} draws. The point is the
 * curve's x (a number: threads, nodes, bytes).
 */
final class CurveCsv {
  static final String HEADER = "point,config,ops_per_s,p99_us,cpu_us_per_op,errors";

  /** A configuration's medians at one point. */
  record Row(double point, String config, double opsPerSecond, double p99Micros, double cpuMicrosPerOp, long errors) {

    /**
     * The figure {@code metric} names: {@code ops}, {@code p99}, {@code cpu}, or {@code mbps}: ops/s ×
     * the point / 10^6, the MB/s of a curve whose point is the value size.
     */
    double metric(String metric) {
      return switch (metric) {
        case "ops" -> opsPerSecond;
        case "p99" -> p99Micros;
        case "cpu" -> cpuMicrosPerOp;
        case "mbps" -> opsPerSecond * point / 1e6;
        default -> throw new IllegalArgumentException("--metric must be ops, p99, cpu or mbps, was '" + metric + "'");
      };
    }
  }

  private CurveCsv() {}

  static void append(Path file, double point, Map<String, List<RunResult>> results) throws IOException {
    StringBuilder rows = new StringBuilder();
    if (!Files.exists(file) || Files.size(file) == 0) {
      rows.append(HEADER).append('\n');
    }
    results.forEach((config, runs) -> rows.append(String.format(Locale.ROOT, "%s,%s,%.1f,%.1f,%.3f,%d%n",
        format(point), config,
        CompareReport.median(CompareReport.values(runs, RunResult::opsPerSecond)),
        CompareReport.median(CompareReport.values(runs, r -> r.latencyMicros(99))),
        CompareReport.median(CompareReport.values(runs, RunResult::cpuMicrosPerOp)),
        runs.stream().mapToLong(r -> r.counts().errors()).sum())));
    Files.writeString(file, rows, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /**
   * Reads what {@link #append} wrote.
   *
   * @throws IllegalArgumentException naming the file, line and what is wrong
   */
  static List<Row> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !lines.get(0).trim().equals(HEADER)) {
      throw new IllegalArgumentException(file + ": line 1 must be the header '" + HEADER + "'");
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(",", -1);
      if (f.length != 6 || f[1].isBlank()) {
        throw new IllegalArgumentException(file + ": line " + (i + 1) + ": expected 6 fields (" + HEADER + "): " + line);
      }
      try {
        rows.add(new Row(Double.parseDouble(f[0]), f[1].trim(), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
            Double.parseDouble(f[4]), Long.parseLong(f[5].trim())));
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
