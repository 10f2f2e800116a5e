package io.cacheman.bench.cli;

import io.cacheman.bench.load.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The table of a comparison: medians per configuration and per-round ratios to the baseline. */
final class CompareReport {
  private CompareReport() {}

  /**
   * The table; with {@code perKey} (a configuration makes multi-gets) it also shows keys/s with its
   * ratio, p50 per call and CPU per key.
   */
  static String table(List<String> names, Map<String, List<RunResult>> results, String baseline, boolean perKey) {
    List<String> headers = new ArrayList<>(List.of("config", "ops/s (median)"));
    if (perKey) {
      headers.addAll(List.of("keys/s (median)", "p50 us (median)"));
    }
    headers.addAll(List.of("p99 us (median)", "ops/s vs " + baseline, "range"));
    if (perKey) {
      headers.addAll(List.of("keys/s vs " + baseline, "range"));
    }
    headers.addAll(List.of("p99 vs " + baseline, "range", "cpu us/op (median)"));
    if (perKey) {
      headers.add("cpu us/key (median)");
    }
    headers.addAll(List.of("cpu vs " + baseline, "range", "errors"));
    TextTable table = new TextTable(headers.toArray(String[]::new));
    List<RunResult> base = results.get(baseline);
    for (String name : names) {
      List<RunResult> runs = results.get(name);
      List<Double> opsRatios = ratios(runs, base, RunResult::opsPerSecond);
      List<Double> keysRatios = ratios(runs, base, RunResult::keysPerSecond);
      List<Double> p99Ratios = ratios(runs, base, r -> r.latencyMicros(99));
      List<Double> cpuRatios = ratios(runs, base, RunResult::cpuMicrosPerOp);
      List<Object> cells = new ArrayList<>(List.of(name, TextTable.count(median(values(runs, RunResult::opsPerSecond)))));
      if (perKey) {
        cells.addAll(List.of(TextTable.count(median(values(runs, RunResult::keysPerSecond))),
            TextTable.micros(median(values(runs, r -> r.latencyMicros(50))))));
      }
      cells.addAll(List.of(TextTable.micros(median(values(runs, r -> r.latencyMicros(99)))),
          TextTable.ratio(median(opsRatios)), range(opsRatios)));
      if (perKey) {
        cells.addAll(List.of(TextTable.ratio(median(keysRatios)), range(keysRatios)));
      }
      cells.addAll(List.of(TextTable.ratio(median(p99Ratios)), range(p99Ratios),
          TextTable.cpu(median(values(runs, RunResult::cpuMicrosPerOp)))));
      if (perKey) {
        cells.add(TextTable.cpuPerKey(median(values(runs, RunResult::cpuMicrosPerKey))));
      }
      cells.addAll(List.of(TextTable.ratio(median(cpuRatios)), range(cpuRatios),
          runs.stream().mapToLong(r -> r.counts().errors()).sum()));
      table.row(cells.toArray());
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
