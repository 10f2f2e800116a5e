package io.cacheman.bench.cli;

import io.cacheman.bench.load.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The table of a comparison: medians per configuration and per-round ratios to the baseline. */
final class CompareReport {
  private CompareReport() {}

  static String table(List<String> names, Map<String, List<RunResult>> results, String baseline) {
    TextTable table = new TextTable("config", "ops/s (median)", "p99 us (median)", "ops/s vs " + baseline,
        "range", "p99 vs " + baseline, "range", "cpu us/op (median)", "cpu vs " + baseline, "range", "errors");
    List<RunResult> base = results.get(baseline);
    for (String name : names) {
      List<RunResult> runs = results.get(name);
      List<Double> opsRatios = ratios(runs, base, RunResult::opsPerSecond);
      List<Double> p99Ratios = ratios(runs, base, r -> r.latencyMicros(99));
      List<Double> cpuRatios = ratios(runs, base, RunResult::cpuMicrosPerOp);
      table.row(name,
          TextTable.count(median(values(runs, RunResult::opsPerSecond))),
          TextTable.micros(median(values(runs, r -> r.latencyMicros(99)))),
          TextTable.ratio(median(opsRatios)), range(opsRatios),
          TextTable.ratio(median(p99Ratios)), range(p99Ratios),
          TextTable.cpu(median(values(runs, RunResult::cpuMicrosPerOp))),
          TextTable.ratio(median(cpuRatios)), range(cpuRatios),
          runs.stream().mapToLong(r -> r.counts().errors()).sum());
    }
    return table.render();
  }

  /** Per-round ratios {@code runs[i] / base[i]}: only runs of the same round are compared. */
  static List<Double> ratios(List<RunResult> runs, List<RunResult> base, ToDoubleFunction<RunResult> metric) {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      double b = metric.applyAsDouble(base.get(i));
      ratios.add(b == 0 ? Double.NaN : metric.applyAsDouble(runs.get(i)) / b);
    }
    return ratios;
  }

  static List<Double> values(List<RunResult> runs, ToDoubleFunction<RunResult> metric) {
    return runs.stream().map(metric::applyAsDouble).toList();
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().filter(v -> !v.isNaN()).sorted().toList();
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String range(List<Double> values) {
    List<Double> sorted = values.stream().filter(v -> !v.isNaN()).sorted().toList();
    if (sorted.isEmpty()) {
      return "-";
    }
    return String.format(java.util.Locale.ROOT, "%.2f-%.2f", sorted.get(0), sorted.get(sorted.size() - 1));
  }
}
