package io.cacheman.bench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plot}: draws one figure of a curve that {@code compare --csv} or {@code fill --csv} recorded, as a PNG. */
@Command(name = "plot", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Draw a curve recorded by compare or fill --csv FILE --point X (one run per point) as a PNG "
        + "line chart.")
public final class PlotCommand implements Callable<Integer> {

  @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The curve's CSV.")
  Path csv;

  @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "Where to write the chart.")
  Path out;

  @Option(names = "--metric", paramLabel = "METRIC", defaultValue = "ops",
      description = "Of a compare curve: ops: median ops/s (calls/s); keys: median keys/s (a multi-get counts its "
          + "keys); p50, p99: median latency per call in µs; cpu: client CPU µs per request; cpu-key: client CPU µs "
          + "per key; mbps: ops/s × the point / 10^6 (MB/s when the point is the value size). Of a fill curve: bytes "
          + "(resident bytes per item), fill (items/s), p50, p99, p999, max (get latency while filling, µs), gc-max "
          + "(longest GC pause, ms). Default: ${DEFAULT-VALUE}.")
  String metric;

  @Option(names = "--title", paramLabel = "TEXT", defaultValue = "", description = "The chart's title.")
  String title;

  @Option(names = "--x-label", paramLabel = "TEXT", defaultValue = "point", description = "Default: ${DEFAULT-VALUE}.")
  String xLabel;

  @Option(names = "--log-x", description = "A logarithmic x axis (threads 1 to 10,000, say).")
  boolean logX;

  @Option(names = "--log-y", description = "A logarithmic y axis.")
  boolean logY;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    System.setProperty("java.awt.headless", "true");
    boolean fill = FillCsv.isFillCurve(csv);
    Map<String, TreeMap<Double, Double>> series = fill ? FillCsv.series(csv, metric) : series();
    if (series.isEmpty()) {
      throw new IllegalArgumentException(csv + ": no row has a " + metric + " figure");
    }
    LineChart chart = new LineChart(title, xLabel, fill ? FillCsv.yLabel(metric) : yLabel(), logX, logY);
    if (!ImageIO.write(chart.draw(series), "png", out.toFile())) {
      throw new IOException("no PNG writer in this runtime");
    }
    int points = series.values().stream().mapToInt(TreeMap::size).sum();
    spec.commandLine().getOut().println("plot: " + series.size() + " series, " + points + " points -> " + out);
    return 0;
  }

  /** {@code metric} of each configuration of a {@link CurveCsv} over its points. */
  private Map<String, TreeMap<Double, Double>> series() throws IOException {
    Map<String, TreeMap<Double, Double>> series = new LinkedHashMap<>();
    for (CurveCsv.Row row : CurveCsv.read(csv)) {
      double value = row.metric(metric);
      if (!Double.isNaN(value)) { // not measured: no run of the point succeeded, or an older file's p50
        series.computeIfAbsent(row.config(), c -> new TreeMap<>()).put(row.point(), value);
      }
    }
    return series;
  }

  private String yLabel() {
    return switch (metric) {
      case "ops" -> "ops/s (median)";
      case "keys" -> "keys/s (median)";
      case "p50" -> "p50 latency per call, µs (median)";
      case "p99" -> "p99 latency, µs (median)";
      case "cpu-key" -> "client CPU per key, µs (median)";
      case "mbps" -> "MB/s (ops/s × value bytes)";
      default -> "client CPU per request, µs (median)";
    };
  }
}
