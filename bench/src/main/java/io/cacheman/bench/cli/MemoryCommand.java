package io.cacheman.bench.cli;

import io.cacheman.bench.load.KeySpace;
import io.cacheman.bench.load.ValueSizes;
import io.cacheman.bench.server.BenchServer;
import io.cacheman.bench.server.BulkLoader;
import io.cacheman.bench.server.JvmGc;
import io.cacheman.bench.server.ProcessMemory;
import io.cacheman.bench.server.ServerKind;
import io.cacheman.bench.server.StatsClient;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
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
 * {@code memory}: bytes of resident memory per item. Each server runs alone as a separate process;
 * its VmRSS is read before and after loading the items over a raw connection, again after a churn
 * of overwrites and reads (the steady state), and its stats must show every item held (nothing
 * evicted) for the figure to count.
 */
@Command(name = "memory", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Bytes of resident memory per item: server-minimal vs memcached after loading N items.")
public final class MemoryCommand implements Callable<Integer> {
  private static final int DEFAULT_MEMORY_MB = 2048;

  @Option(names = "--items", paramLabel = "N", defaultValue = "1000000", converter = Converters.CountConverter.class,
      description = "Items to load (16-byte keys). Default: ${DEFAULT-VALUE}.")
  long items;

  @Option(names = "--value-size", paramLabel = "BYTES", defaultValue = "100",
      description = "Value size. Default: ${DEFAULT-VALUE}.")
  int valueSize;

  @Option(names = "--targets", paramLabel = "KIND[,KIND]", split = ",", defaultValue = "memcached,cacheman",
      converter = Converters.ServerKindConverter.class,
      description = "Servers to measure, one after the other: memcached, cacheman. Default: ${DEFAULT-VALUE}.")
  List<ServerKind> targets;

  @Option(names = "--settle", paramLabel = "DURATION", defaultValue = "1s", converter = Converters.DurationConverter.class,
      description = "Pause before each memory reading. Default: ${DEFAULT-VALUE}.")
  Duration settle;

  @Option(names = "--churn", paramLabel = "DURATION", defaultValue = "10s",
      converter = Converters.DurationConverter.class,
      description = "After loading, overwrite and read random keys for this long, then read RSS again: the "
          + "steady-state figure (0s to skip). Default: ${DEFAULT-VALUE}.")
  Duration churn;

  @Mixin
  ServerOptions serverOptions = new ServerOptions();

  @Spec
  CommandSpec spec;

  @Option(names = "--no-gc", description = "For server-minimal, skip the extra reading taken after a full GC "
      + "(jcmd GC.run), which shows live data without uncollected garbage.")
  boolean noGc;

  @Override
  public Integer call() throws Exception {
    if (items < 1 || items > 50_000_000) {
      throw new IllegalArgumentException("--items must be 1..50,000,000, was " + items);
    }
    if (valueSize < 1 || valueSize > ValueSizes.MAX_VALUE_SIZE) {
      throw new IllegalArgumentException("--value-size must be 1.." + ValueSizes.MAX_VALUE_SIZE + ", was " + valueSize);
    }
    if (targets.contains(ServerKind.CANNED) || targets.contains(ServerKind.CACHEMAN_EMBEDDED)) {
      throw new IllegalArgumentException("memory measures a server process of its own: memcached or cacheman");
    }
    PrintWriter out = spec.commandLine().getOut();
    KeySpace keys = new KeySpace((int) items);
    byte[] value = ValueSizes.parse(Integer.toString(valueSize)).pick(new java.util.SplittableRandom(1));
    out.printf("memory:   %,d items, %d-byte keys, %d-byte values (%d bytes of key+value per item)%n", items,
        KeySpace.KEY_LENGTH, valueSize, KeySpace.KEY_LENGTH + valueSize);
    out.println("machine:  " + Runs.environment());
    TextTable table = new TextTable("server", "items held", "RSS before MB", "RSS after MB", "bytes/item",
        "overhead/item", "load s");
    for (ServerKind kind : targets) {
      try (BenchServer server = serverOptions.spec(kind, DEFAULT_MEMORY_MB, valueSize).start()) {
        out.println("target:   " + server.describe());
        out.flush();
        measure(kind, server, keys, value, table);
      }
    }
    out.println();
    out.print(table.render());
    out.flush();
    return 0;
  }

  private void measure(ServerKind kind, BenchServer server, KeySpace keys, byte[] value, TextTable table)
      throws Exception {
    long pid = server.pid().orElseThrow();
    InetSocketAddress address = server.addresses().get(0);
    boolean jvm = kind == ServerKind.CACHEMAN && !noGc;
    if (jvm) {
      JvmGc.run(pid);
    }
    Thread.sleep(settle.toMillis());
    long before = ProcessMemory.residentBytes(pid);
    long start = System.nanoTime();
    BulkLoader.load(address, keys, value);
    double loadSeconds = (System.nanoTime() - start) / 1e9;
    Map<String, String> stats = StatsClient.stats(address);
    long held = StatsClient.number(stats, "curr_items");
    if (held != items) {
      throw new IllegalStateException(kind.cliName() + " holds " + held + " of " + items + " items (evictions: "
          + StatsClient.number(stats, "evictions") + "); raise --server-memory");
    }
    Thread.sleep(settle.toMillis());
    row(table, kind.cliName(), held, before, ProcessMemory.residentBytes(pid), loadSeconds);
    if (!churn.isZero()) {
      BulkLoader.churn(address, keys, value, churn, 7);
      Thread.sleep(settle.toMillis());
      row(table, kind.cliName() + " after " + churn.toSeconds() + " s churn", held, before,
          ProcessMemory.residentBytes(pid), loadSeconds);
    }
    if (jvm) {
      JvmGc.run(pid);
      Thread.sleep(settle.toMillis());
      row(table, kind.cliName() + " after full GC", held, before, ProcessMemory.residentBytes(pid), loadSeconds);
    }
  }

  private void row(TextTable table, String name, long held, long before, long after, double loadSeconds) {
    double perItem = (after - before) / (double) items;
    table.row(name, TextTable.count(held), TextTable.count(before / 1048576.0), TextTable.count(after / 1048576.0),
        String.format(Locale.ROOT, "%.1f", perItem),
        String.format(Locale.ROOT, "%.1f", perItem - KeySpace.KEY_LENGTH - valueSize),
        String.format(Locale.ROOT, "%.1f", loadSeconds));
  }
}
