package io.cacheman.bench.cli;

import io.cacheman.bench.load.ProgressListener;
import io.cacheman.bench.load.RunResult;
import io.cacheman.bench.server.BenchServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code compare}: several configurations run interleaved, each round in another order ({@link
 * RunOrder}), so that each round's ratios compare runs made under the same machine load and no
 * configuration always follows the same one; reports medians and the spread of the
 * per-round ratios against a baseline. A configuration may run in a child JVM from another bench
 * jar ({@link ChildRun}), so two builds of the SDK can be compared in one run.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Run configurations interleaved, round after round, and report each one's median ops/s, p99 "
        + "and client CPU per request with their ratios to the baseline (median of per-round ratios, and their "
        + "min-max). A configuration with --client-jar runs in a child JVM from that jar: two builds side by side.",
        "Any other option is a run option (see run --help) shared by all configurations; a configuration's own "
            + "options override it."})
public final class CompareCommand implements Callable<Integer> {
  @Option(names = {"-c", "--config"}, required = true, paramLabel = "NAME=OPTIONS",
      description = "A configuration: a name, '=', and run options, e.g. spy=\"--client spymemcached\". Repeat it.")
  List<String> configs;

  @Option(names = "--rounds", paramLabel = "N", defaultValue = "5", description = "Rounds. Default: ${DEFAULT-VALUE}.")
  int rounds;

  @Option(names = "--warmup-rounds", paramLabel = "N", defaultValue = "1",
      description = "Rounds run first and not counted: the first runs in a fresh JVM are slower for every "
          + "configuration. Default: ${DEFAULT-VALUE}.")
  int warmupRounds;

  @Option(names = "--baseline", paramLabel = "NAME", description = "The configuration ratios are taken against. "
      + "Default: the first.")
  String baseline;

  @Option(names = "--csv", paramLabel = "FILE",
      description = "Also append each configuration's medians to FILE as the point --point of a curve (see plot).")
  Path csv;

  @Option(names = "--point", paramLabel = "X", description = "With --csv: this run's x on the curve (threads, nodes, bytes).")
  Double point;

  @Unmatched
  List<String> common = new ArrayList<>();

  @Spec
  CommandSpec spec;

  private record Config(String name, RunOptions options) {}

  @Override
  public Integer call() throws Exception {
    if (rounds < 1 || rounds > 1000) {
      throw new IllegalArgumentException("--rounds must be 1..1000, was " + rounds);
    }
    if (warmupRounds < 0 || warmupRounds > 100) {
      throw new IllegalArgumentException("--warmup-rounds must be 0..100, was " + warmupRounds);
    }
    if ((csv == null) != (point == null)) {
      throw new IllegalArgumentException("--csv and --point go together: the file of the curve and this run's x on it");
    }
    List<Config> parsed = parseConfigs();
    int base = baselineIndex(parsed);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    out.println("compare:  " + parsed.size() + " configurations x " + rounds + " rounds (after " + warmupRounds
        + " uncounted), interleaved; shared options: "
        + (common.isEmpty() ? "(none)" : String.join(" ", common)));
    for (Config c : parsed) {
      out.println("  " + c.name() + ": " + c.options().client.cliName() + (c.options().meta ? " (meta protocol)" : "")
          + (c.options().compressionThreshold > 0
              ? " (" + c.options().client.compression(c.options().compressionThreshold) + ")" : "")
          + (c.options().clientJar != null ? " in a child JVM from " + c.options().clientJar : "") + " on "
          + (c.options().server != null ? c.options().server.cliName()
              + (c.options().nodes > 1 ? " x " + c.options().nodes + " nodes" : "") : c.options().servers) + ", "
          + c.options().workload() + "; " + c.options().loadSpec());
    }
    out.println("machine:  " + Runs.environment());
    out.flush();
    Map<String, List<RunResult>> results = new LinkedHashMap<>();
    parsed.forEach(c -> results.put(c.name(), new ArrayList<>()));
    try (Targets targets = new Targets()) {
      for (int round = 1 - warmupRounds; round <= rounds; round++) {
        for (int index : RunOrder.of(parsed.size(), round - 1 + warmupRounds)) {
          Config c = parsed.get(index);
          RunOptions o = c.options();
          BenchServer target = targets.get(o);
          boolean preload = !o.noPreload && targets.needsPreload(target, o);
          RunResult r = Runs.execute("configuration '" + c.name() + "'", o, target, preload, ProgressListener.QUIET,
              err);
          String label = round < 1 ? "warmup" : "round " + round + "/" + rounds;
          if (round >= 1) {
            results.get(c.name()).add(r);
          }
          err.printf(Locale.ROOT, "%-11s %-12s %12s ops/s  p99 %8s us  cpu %6s us/op  errors %d%s%n", label, c.name(),
              TextTable.count(r.opsPerSecond()), TextTable.micros(r.latencyMicros(99)),
              TextTable.cpu(r.cpuMicrosPerOp()), r.counts().errors(),
              o.multiGet > 1 ? "  keys/s " + TextTable.count(r.keysPerSecond()) : "");
          err.flush();
        }
      }
    }
    out.println();
    boolean perKey = parsed.stream().anyMatch(c -> c.options().multiGet > 1);
    out.print(CompareReport.table(parsed.stream().map(Config::name).toList(), results, parsed.get(base).name(),
        perKey));
    results.forEach((name, runs) -> runs.stream().filter(r -> r.counts().errors() > 0).findFirst()
        .ifPresent(r -> out.println(name + ": first error: " + r.firstError())));
    if (csv != null) {
      CurveCsv.append(csv, point, results);
      out.println("point " + CurveCsv.format(point) + " appended to " + csv);
    }
    out.flush();
    return 0;
  }

  private List<Config> parseConfigs() {
    List<Config> parsed = new ArrayList<>();
    for (String config : configs) {
      String name = config;
      String args = config;
      int eq = config.indexOf('=');
      if (eq > 0 && !config.substring(0, eq).trim().startsWith("-")) {
        name = config.substring(0, eq).trim();
        args = config.substring(eq + 1);
      }
      List<String> all = new ArrayList<>(common);
      String trimmed = args.trim();
      if (!trimmed.isEmpty()) {
        all.addAll(Arrays.asList(trimmed.split("\\s+")));
      }
      RunOptions options = new RunOptions();
      try {
        options.loadArgs = ChildRun.forwardedArgs(
            new CommandLine(options).setOverwrittenOptionsAllowed(true).parseArgs(all.toArray(String[]::new)));
        options.validate();
        options.workload();
        options.loadSpec();
      } catch (CommandLine.ParameterException | IllegalArgumentException e) {
        throw new IllegalArgumentException("configuration '" + name + "': " + e.getMessage());
      }
      String unique = name;
      if (parsed.stream().anyMatch(c -> c.name().equals(unique))) {
        throw new IllegalArgumentException("two configurations are named '" + name + "'");
      }
      parsed.add(new Config(name, options));
    }
    return parsed;
  }

  private int baselineIndex(List<Config> parsed) {
    if (baseline == null) {
      return 0;
    }
    for (int i = 0; i < parsed.size(); i++) {
      if (parsed.get(i).name().equals(baseline)) {
        return i;
      }
    }
    throw new IllegalArgumentException("--baseline '" + baseline + "' names no configuration; they are "
        + parsed.stream().map(Config::name).toList());
  }
}
