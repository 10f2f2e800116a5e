package io.cacheman.bench.cli;

import io.cacheman.bench.load.RunResult;
import io.cacheman.bench.server.BenchServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * One run of a configuration with {@code --client-jar}: its load runs in a child JVM started from
 * that jar as {@code java [--client-jvm-opts] -cp JAR BenchMain run --servers ... --result-file F},
 * against the target this JVM started, so two builds of the SDK can be measured in one comparison.
 *
 * <h2>Ownership</h2>
 * The child is ours alone: its output goes to a temporary file, shown only when it fails, and it
 * is stopped by its own handle if it runs past {@link #bound} (a child that finished normally has
 * already exited). Both temporary files are deleted afterwards. Should this JVM die first, the
 * child still ends by itself once its own warmup and duration are over.
 */
final class ChildRun {
  /** Entry point of every bench jar (its manifest's main class), older builds included. */
  static final String BENCH_MAIN = "io.cacheman.bench.BenchMain";
  /** On top of warmup + duration: the child JVM's start, its preload and its drain on a loaded machine. */
  static final Duration MARGIN = Duration.ofMinutes(2);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);
  private static final int OUTPUT_LINES = 20;

  private ChildRun() {}

  /**
   * The options given on the command line that the child's {@code run} takes over as they were
   * typed: everything except the target (the parent's, passed as {@code --servers}), the preload
   * decision (the parent's) and the child-JVM options themselves. Only options actually given are
   * passed, so a child built from an older commit is not handed options it does not know.
   */
  static List<String> forwardedArgs(ParseResult parsed) {
    Set<String> parentOnly = new HashSet<>(
        List.of("--servers", "--server", "--nodes", "--no-preload", "--client-jar", "--client-jvm-opts", "--result-file"));
    CommandSpec.forAnnotatedObject(new ServerOptions()).options().forEach(o -> parentOnly.add(o.longestName()));
    // An option given twice (shared, then overridden by a configuration) is matched twice.
    Map<String, OptionSpec> given = new LinkedHashMap<>();
    parsed.matchedOptions().forEach(o -> given.putIfAbsent(o.longestName(), o));
    List<String> args = new ArrayList<>();
    for (OptionSpec o : given.values()) {
      if (parentOnly.contains(o.longestName()) || o.usageHelp() || o.versionHelp()) {
        continue;
      }
      if (o.arity().max() == 0) {
        if (Boolean.TRUE.equals(o.getValue())) {
          args.add(o.longestName());
        }
      } else {
        List<String> typed = o.originalStringValues();
        args.add(o.longestName() + "=" + typed.get(typed.size() - 1)); // the last one given is the one in effect
      }
    }
    return args;
  }

  /** How long the child may run before it is stopped: well past its warmup and duration. */
  static Duration bound(RunOptions o) {
    return o.warmup.plus(o.duration).plus(MARGIN);
  }

  /** The child's command line. */
  static List<String> command(RunOptions o, BenchServer target, boolean preload, Path resultFile) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(Converters.words(o.clientJvmOptions));
    cmd.addAll(List.of("-cp", o.clientJar, BENCH_MAIN, "run", "--servers", servers(target)));
    cmd.addAll(o.loadArgs);
    if (!preload) {
      cmd.add("--no-preload");
    }
    cmd.addAll(List.of("--result-file", resultFile.toString()));
    return cmd;
  }

  /**
   * Runs {@code o}'s load in a child JVM against {@code target} and returns what it measured.
   *
   * @param who names the run in errors, e.g. {@code configuration 'old'}
   * @throws IOException in one sentence naming {@code who} and the jar when the child cannot be
   *     started, fails, or runs past {@code bound}; its output then goes to {@code err} first
   */
  static RunResult run(String who, RunOptions o, BenchServer target, boolean preload, Duration bound,
      PrintWriter err) throws IOException, InterruptedException {
    Path output = Files.createTempFile("cacheman-bench-child-", ".log");
    Path resultFile = Files.createTempFile("cacheman-bench-child-", ".properties");
    String child = who + ": the child JVM of --client-jar " + o.clientJar;
    try {
      Process process;
      try {
        process = new ProcessBuilder(command(o, target, preload, resultFile))
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
        process.getOutputStream().close(); // it reads nothing
      } catch (IOException e) {
        throw new IOException(child + " could not be started: " + e.getMessage(), e);
      }
      if (!waitOrStop(process, bound)) {
        showOutput(output, err);
        throw new IOException(child + " was still running after " + bound.toSeconds()
            + "s (warmup + duration + " + MARGIN.toSeconds() + "s) and was stopped");
      }
      // Exit status 1 with a result is a run in which nothing succeeded: reported like any other.
      if (Files.size(resultFile) == 0) {
        showOutput(output, err);
        throw new IOException(child + " exited with code " + process.exitValue() + " without a result: "
            + reason(output));
      }
      try {
        return ResultFile.read(resultFile);
      } catch (IOException e) {
        throw new IOException(child + " ran, but " + e.getMessage(), e);
      }
    } finally {
      Files.deleteIfExists(output);
      Files.deleteIfExists(resultFile);
    }
  }

  /** Waits for the child; past {@code bound} stops it (SIGTERM, then SIGKILL) and returns false. */
  private static boolean waitOrStop(Process process, Duration bound) throws InterruptedException {
    try {
      if (process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
        return true;
      }
      process.destroy();
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
      return false;
    } catch (InterruptedException e) {
      process.destroyForcibly();
      throw e;
    }
  }

  private static String servers(BenchServer target) {
    return target.addresses().stream().map(ChildRun::hostPort).collect(Collectors.joining(","));
  }

  private static String hostPort(InetSocketAddress a) {
    String host = a.getHostString();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
  }

  /** The end of the child's output, indented, so a failure can be read without the parent's tables garbled. */
  private static void showOutput(Path output, PrintWriter err) throws IOException {
    List<String> lines = outputLines(output);
    err.println("output of the child JVM" + (lines.size() > OUTPUT_LINES ? " (last " + OUTPUT_LINES + " lines)" : "")
        + ":");
    lines.subList(Math.max(0, lines.size() - OUTPUT_LINES), lines.size()).forEach(l -> err.println("  | " + l));
    err.flush();
  }

  /**
   * The line that says why: the bench's own {@code error: ...} line if it printed one, else the
   * first line (the JVM's, e.g. "Unrecognized VM option", before its generic follow-ups).
   */
  private static String reason(Path output) throws IOException {
    List<String> lines = outputLines(output).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
    return lines.stream().filter(l -> l.startsWith("error: ")).reduce((first, last) -> last)
        .orElse(lines.isEmpty() ? "(no output)" : lines.get(0));
  }

  private static List<String> outputLines(Path output) throws IOException {
    // Decoded leniently: a crashing JVM may write anything.
    return new String(Files.readAllBytes(output), StandardCharsets.UTF_8).lines().toList();
  }
}
