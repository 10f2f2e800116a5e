package io.cacheman.bench.cli;

import io.cacheman.bench.client.ClientAdapter;
import io.cacheman.bench.client.ClientSettings;
import io.cacheman.bench.client.ClientType;
import io.cacheman.bench.load.LoadRunner;
import io.cacheman.bench.load.LoadSpec;
import io.cacheman.bench.load.Preloader;
import io.cacheman.bench.load.ProgressListener;
import io.cacheman.bench.load.RunResult;
import io.cacheman.bench.load.Workload;
import io.cacheman.bench.server.BenchServer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/** Opens a client, preloads, runs, closes: the steps every command shares. */
final class Runs {
  /** Preloading 1M keys at a few 10k sets/s must not time out. */
  private static final Duration PRELOAD_DRAIN = Duration.ofSeconds(30);

  private Runs() {}

  /**
   * Runs configuration {@code o} against {@code target}: in this JVM, or in a child JVM from its
   * {@code --client-jar} ({@code who} names it in the child's errors, its progress is not shown).
   */
  static RunResult execute(String who, RunOptions o, BenchServer target, boolean preload, ProgressListener progress,
      PrintWriter err) throws Exception {
    if (o.clientJar != null) {
      return ChildRun.run(who, o, target, preload, ChildRun.bound(o), err);
    }
    return execute(o.client, o.clientSettings(), target, o.workload(), o.loadSpec(), preload, progress);
  }

  /** Runs {@code load} against {@code target} with a fresh client, preloading first when asked. */
  static RunResult execute(ClientType clientType, ClientSettings settings, BenchServer target, Workload workload,
      LoadSpec load, boolean preload, ProgressListener progress) throws Exception {
    try (ClientAdapter client = clientType.open(target.addresses(), settings)) {
      if (preload) {
        Preloader.preload(client, workload.keys(), workload.values(), PRELOAD_DRAIN);
      }
      return new LoadRunner(client, workload, load, progress, settings.timeout().plusSeconds(2)).run();
    }
  }

  /** The machine a figure was measured on: JDK and cores. */
  static String environment() {
    return String.format(Locale.ROOT, "JDK %s (%s), %d cores, %s %s", System.getProperty("java.version"),
        System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name"), System.getProperty("os.arch"));
  }
}
