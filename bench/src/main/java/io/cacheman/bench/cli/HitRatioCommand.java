package io.cacheman.bench.cli;

import io.cacheman.bench.client.ClientSettings;
import io.cacheman.bench.client.ClientType;
import io.cacheman.bench.load.KeyDistribution;
import io.cacheman.bench.load.KeySpace;
import io.cacheman.bench.load.LoadSpec;
import io.cacheman.bench.load.ProgressListener;
import io.cacheman.bench.load.RunResult;
import io.cacheman.bench.load.ValueSizes;
import io.cacheman.bench.load.Workload;
import io.cacheman.bench.server.BenchServer;
import io.cacheman.bench.server.ServerKind;
import io.cacheman.bench.server.ServerSpec;
import io.cacheman.bench.server.StatsClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hitratio}: the hit ratio of memcached and server-minimal (LRU and LFU) at the same memory
 * limit, on a cache-aside Zipf workload whose data is several times that limit. Each server gets
 * the same request sequence: a warmup that fills it, then a measured stretch.
 */
@Command(name = "hitratio", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Hit ratio at the same memory limit on a Zipf workload larger than memory (get, set on miss).")
public final class HitRatioCommand implements Callable<Integer> {
  private static final int DEFAULT_MEMORY_MB = 32;
  private static final Duration TIME_CAP = Duration.ofMinutes(30);

  @Option(names = "--targets", paramLabel = "T[,T...]", split = ",", defaultValue = "memcached,cacheman-lru,cacheman-lfu",
      description = "memcached, cacheman-lru, cacheman-lfu. Default: ${DEFAULT-VALUE}.")
  List<String> targets;

  @Option(names = "--data-factor", paramLabel = "X", defaultValue = "10",
      description = "Key space size as a multiple of the memory limit (keys x (key+value) bytes). Default: ${DEFAULT-VALUE}.")
  double dataFactor;

  @Option(names = "--skew", paramLabel = "S", defaultValue = "0.99", description = "Zipf skew. Default: ${DEFAULT-VALUE}.")
  double skew;

  @Option(names = "--value-size", paramLabel = "BYTES", defaultValue = "100", description = "Default: ${DEFAULT-VALUE}.")
  int valueSize;

  @Option(names = "--requests", paramLabel = "N", defaultValue = "2000000", converter = Converters.CountConverter.class,
      description = "Measured requests per server. Default: ${DEFAULT-VALUE}.")
  long requests;

  @Option(names = "--warmup-requests", paramLabel = "N", converter = Converters.CountConverter.class,
      description = "Requests that fill the cache before measuring. Default: as many as --requests.")
  Long warmupRequests;

  @Option(names = "--client", paramLabel = "NAME", defaultValue = "folsom", converter = Converters.ClientConverter.class,
      description = "Client that drives the requests (the ratio is the server's). Default: ${DEFAULT-VALUE}.")
  ClientType client;

  @Option(names = {"-t", "--threads"}, paramLabel = "N", defaultValue = "2", description = "Default: ${DEFAULT-VALUE}.")
  int threads;

  @Option(names = "--window", paramLabel = "W", defaultValue = "32",
      description = "Requests in flight per thread (async). Default: ${DEFAULT-VALUE}.")
  int window;

  @Mixin
  ServerOptions serverOptions = new ServerOptions();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ServerSpec base = serverOptions.spec(ServerKind.MEMCACHED, DEFAULT_MEMORY_MB, valueSize);
    double keyCount = dataFactor * base.memoryMb() * 1048576.0 / (KeySpace.KEY_LENGTH + valueSize);
    if (!(dataFactor > 0) || keyCount < 1 || keyCount > 50_000_000) {
      throw new IllegalArgumentException("--data-factor x --server-memory gives " + (long) keyCount
          + " keys; it must be 1..50,000,000");
    }
    List<ServerSpec> specs = targets.stream().map(t -> specFor(t.trim(), base)).toList();
    KeySpace keys = new KeySpace((int) keyCount);
    Workload workload = new Workload(keys, KeyDistribution.parse("zipf:" + skew, keys.size()),
        ValueSizes.parse(Integer.toString(valueSize)), 1.0, true);
    long warm = warmupRequests != null ? warmupRequests : requests;
    LoadSpec warmSpec = new LoadSpec(threads, LoadSpec.Mode.ASYNC, window, Duration.ZERO, TIME_CAP, Math.max(warm, 1));
    // The measured stretch continues the warmup's request stream, not a replay of it.
    LoadSpec measureSpec = new LoadSpec(threads, LoadSpec.Mode.ASYNC, window, Duration.ZERO, TIME_CAP, requests)
        .withSeed(LoadSpec.DEFAULT_SEED + 1_000_003);
    ClientSettings settings = new ClientSettings(2, Duration.ofSeconds(2), threads * window, threads * window);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "hitratio: memory limit %d MB, %,d keys (%.0fx the limit), zipf %.2f, %d-byte values, "
        + "get then set on miss; %,d warmup + %,d measured requests via %s%n", base.memoryMb(), keys.size(),
        dataFactor, skew, valueSize, warm, requests, client.cliName());
    out.println("machine:  " + Runs.environment());
    TextTable table = new TextTable("server", "hit ratio", "evictions", "items held", "ops/s");
    for (int i = 0; i < specs.size(); i++) {
      try (BenchServer server = specs.get(i).start()) {
        out.println("target:   " + server.describe());
        out.flush();
        if (warm > 0) {
          Runs.execute(client, settings, server, workload, warmSpec, false, ProgressListener.QUIET);
        }
        RunResult r = Runs.execute(client, settings, server, workload, measureSpec, false, ProgressListener.QUIET);
        Map<String, String> stats = StatsClient.stats(server.addresses().get(0));
        table.row(targets.get(i).trim(), TextTable.percent(r.hitRatio()),
            TextTable.count(StatsClient.number(stats, "evictions")),
            TextTable.count(StatsClient.number(stats, "curr_items")), TextTable.count(r.opsPerSecond()));
        if (r.counts().errors() > 0) {
          out.println("  " + r.counts().errors() + " errors; first: " + r.firstError());
        }
      }
    }
    out.println();
    out.print(table.render());
    out.flush();
    return 0;
  }

  private static ServerSpec specFor(String target, ServerSpec base) {
    return switch (target) {
      case "memcached" -> base.withKind(ServerKind.MEMCACHED);
      case "cacheman-lru" -> base.withKind(ServerKind.CACHEMAN).withEviction("lru");
      case "cacheman-lfu" -> base.withKind(ServerKind.CACHEMAN).withEviction("lfu");
      default -> throw new IllegalArgumentException(
          "a hitratio target is memcached, cacheman-lru or cacheman-lfu; was '" + target + "'");
    };
  }
}
