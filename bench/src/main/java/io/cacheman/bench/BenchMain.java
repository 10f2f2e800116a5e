package io.cacheman.bench;

import io.cacheman.bench.cli.CompareCommand;
import io.cacheman.bench.cli.FillCommand;
import io.cacheman.bench.cli.HitRatioCommand;
import io.cacheman.bench.cli.JmhCommand;
import io.cacheman.bench.cli.MemoryCommand;
import io.cacheman.bench.cli.PlotCommand;
import io.cacheman.bench.cli.RunCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar cacheman-bench.jar <command>}: load runs, interleaved comparisons, memory,
 * fill and hit-ratio tests, and JMH micro-benchmarks. See docs/BENCHMARKS.md.
 */
@Command(name = "cacheman-bench", mixinStandardHelpOptions = true, version = "cacheman-bench 0.1.0",
    description = "Benchmarks Cacheman against memcached and peer Java clients.",
    subcommands = {RunCommand.class, CompareCommand.class, MemoryCommand.class, FillCommand.class,
        HitRatioCommand.class,
        JmhCommand.class, PlotCommand.class})
public final class BenchMain implements Runnable {

  /** Runs a command and exits with its status: 0 done, 1 failed, 2 bad usage. */
  public static void main(String[] args) {
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs a command with the given output streams and returns its exit status (for tests). */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new BenchMain());
    cli.setOut(out);
    cli.setErr(err);
    // JMH's options (-f, -wi, -prof ...) are not ours: hand them over untouched.
    cli.getSubcommands().get("jmh").setUnmatchedOptionsArePositionalParams(true);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("error: " + oneLine(e));
      commandLine.getErr().flush();
      return e instanceof IllegalArgumentException ? 2 : 1;
    });
    return cli.execute(args);
  }

  private static String oneLine(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && (t.getMessage() == null || t instanceof java.util.concurrent.ExecutionException)) {
      t = t.getCause();
    }
    return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
  }

  @Spec
  CommandSpec spec;

  /** Without a command: the usage, listing the commands. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
