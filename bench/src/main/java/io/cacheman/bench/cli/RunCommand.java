package io.cacheman.bench.cli;

import io.cacheman.bench.client.ClientSettings;
import io.cacheman.bench.load.LoadSpec;
import io.cacheman.bench.load.RunResult;
import io.cacheman.bench.load.Workload;
import io.cacheman.bench.server.BenchServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code run}: one client against one target, live progress on stderr, a result table on stdout. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Drive one client against memcached, server-minimal, the canned server or given servers.")
public final class RunCommand implements Callable<Integer> {
  @Mixin
  RunOptions options = new RunOptions();

  @Option(names = "--result-file", paramLabel = "FILE", hidden = true,
      description = "Also write the result to FILE, for the bench that started this run as a --client-jar child.")
  Path resultFile;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    options.validate();
    options.loadArgs = ChildRun.forwardedArgs(spec.commandLine().getParseResult());
    Workload workload = options.workload();
    LoadSpec load = options.loadSpec();
    ClientSettings settings = options.clientSettings();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (BenchServer target = options.startTarget()) {
      out.println("target:   " + target.describe());
      out.println("client:   " + options.client.cliName() + " (" + options.client.describe(settings) + ")"
          + (options.clientJar != null ? " in a child JVM from " + options.clientJar : ""));
      out.println("workload: " + workload);
      out.println("load:     " + load);
      out.println("machine:  " + Runs.environment());
      out.flush();
      RunResult r = Runs.execute("run", options, target, !options.noPreload, new ProgressPrinter(err, ""), err);
      if (resultFile != null) {
        ResultFile.write(r, resultFile);
      }
      out.println();
      out.print(resultTable(options.client.cliName(), r, options.multiGet > 1));
      if (r.counts().errors() > 0) {
        out.println("first error: " + r.firstError());
      }
      out.flush();
      return r.counts().operations() == 0 ? 1 : 0;
    }
  }

  /**
   * The final table of one run. With {@code multiGet} it also shows keys/s and CPU per key: ops/s
   * counts calls (a multi-get is one), the hit ratio is over keys, latencies are per call.
   */
  static String resultTable(String label, RunResult r, boolean multiGet) {
    List<String> headers = new ArrayList<>(List.of("client", "ops/s"));
    List<Object> cells = new ArrayList<>(List.of(label, TextTable.count(r.opsPerSecond())));
    if (multiGet) {
      headers.add("keys/s");
      cells.add(TextTable.count(r.keysPerSecond()));
    }
    headers.addAll(List.of("hit ratio", "p50 us", "p99 us", "p99.9 us", "max us", "cpu us/op"));
    cells.addAll(List.of(TextTable.percent(r.hitRatio()), TextTable.micros(r.latencyMicros(50)),
        TextTable.micros(r.latencyMicros(99)), TextTable.micros(r.latencyMicros(99.9)),
        TextTable.micros(r.maxLatencyMicros()), TextTable.cpu(r.cpuMicrosPerOp())));
    if (multiGet) {
      headers.add("cpu us/key");
      cells.add(TextTable.cpuPerKey(r.cpuMicrosPerKey()));
    }
    headers.add("errors");
    cells.add(r.counts().errors());
    return new TextTable(headers.toArray(String[]::new)).row(cells.toArray()).render();
  }
}
