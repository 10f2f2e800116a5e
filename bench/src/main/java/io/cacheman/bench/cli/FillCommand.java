package io.cacheman.bench.cli;

import io.cacheman.bench.load.KeySpace;
import io.cacheman.bench.load.ValueSizes;
import io.cacheman.bench.server.BenchServer;
import io.cacheman.bench.server.GcLog;
import io.cacheman.bench.server.JvmGc;
import io.cacheman.bench.server.PacedGetter;
import io.cacheman.bench.server.PipelinedFill;
import io.cacheman.bench.server.ProcessMemory;
import io.cacheman.bench.server.ServerKind;
import io.cacheman.bench.server.ServerSpec;
import io.cacheman.bench.server.StatsClient;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fill}: items per node (issue #18). Each server runs alone as a process of its own and is
 * filled with N items over one pipelined connection while a second connection reads keys already
 * stored at a fixed rate. Per server: resident bytes per item, the fill rate, the reads' latency
 * while filling and, for server-minimal, the GC pauses of the fill from its GC log.
 *
 * <p>Unlike {@code memory} it neither churns nor collects after the fill: the reading is what the
 * fill left, garbage included.
 */
@Command(name = "fill", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Items per node: fill each server with N items while reading from it; bytes/item, fill rate, "
        + "get latency while filling and (server-minimal) GC pauses.")
public final class FillCommand implements Callable<Integer> {
  private static final long MAX_ITEMS = 50_000_000;
  private static final long MB = 1 << 20;
  /** Per item beyond its key and value, with room: memcached's 100-byte item takes a 192-byte chunk. */
  private static final int ITEM_OVERHEAD = 80;
  private static final Duration PROGRESS = Duration.ofSeconds(10);
  private static final int SLOW_SECONDS_SHOWN = 8;

  @Option(names = "--items", paramLabel = "N", defaultValue = "1000000", converter = Converters.CountConverter.class,
      description = "Items to fill each server with (16-byte keys). Default: ${DEFAULT-VALUE}.")
  long items;

  @Option(names = "--value-size", paramLabel = "BYTES", defaultValue = "100", description = "Default: ${DEFAULT-VALUE}.")
  int valueSize;

  @Option(names = "--targets", paramLabel = "KIND[,KIND]", split = ",", defaultValue = "memcached,cacheman",
      converter = Converters.ServerKindConverter.class,
      description = "Servers to fill, one after the other: memcached, cacheman. Default: ${DEFAULT-VALUE}.")
  List<ServerKind> targets;

  @Option(names = "--fill-rate", paramLabel = "N", defaultValue = "0", converter = Converters.CountConverter.class,
      description = "Sets per second, or 0 for as fast as the server takes them. A rate both servers keep up "
          + "with gives each the same load for the same time. Default: ${DEFAULT-VALUE}.")
  long fillRate;

  @Option(names = "--get-rate", paramLabel = "N", defaultValue = "2000",
      description = "Gets per second while filling, one at a time over a second connection. Default: ${DEFAULT-VALUE}.")
  int getRate;

  @Option(names = "--settle", paramLabel = "DURATION", defaultValue = "1s", converter = Converters.DurationConverter.class,
      description = "Pause before each memory reading. Default: ${DEFAULT-VALUE}.")
  Duration settle;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m",
      converter = Converters.DurationConverter.class,
      description = "Longest one server's fill may take. Default: ${DEFAULT-VALUE}.")
  Duration timeout;

  @Option(names = "--csv", paramLabel = "FILE", description = "Also append each server's figures to FILE as the point "
      + "--point of a curve (see plot).")
  Path csv;

  @Option(names = "--point", paramLabel = "X", description = "With --csv: this run's x on the curve (the items).")
  Double point;

  @Mixin
  ServerOptions serverOptions = new ServerOptions();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    check();
    PrintWriter out = spec.commandLine().getOut();
    byte[] value = new byte[valueSize];
    Arrays.fill(value, (byte) 'v');
    int memoryMb = defaultMemoryMb();
    out.printf(Locale.ROOT, "fill:     %,d items, %d-byte keys, %d-byte values, %s; %,d gets/s while filling%n",
        items, KeySpace.KEY_LENGTH, valueSize,
        fillRate == 0 ? "as fast as the server takes them" : String.format(Locale.ROOT, "%,d sets/s", fillRate), getRate);
    out.println("machine:  " + Runs.environment());
    TextTable table = new TextTable("server", "items", "RSS after MB", "bytes/item", "fill s", "items/s", "gets",
        "p50 us", "p99 us", "p99.9 us", "max us", "GC pauses", "longest GC ms");
    List<FillCsv.Row> rows = new ArrayList<>();
    for (ServerKind kind : targets) {
      ServerSpec server = serverOptions.spec(kind, memoryMb, valueSize);
      try (GcLog gc = kind == ServerKind.CACHEMAN ? GcLog.create() : null;
          BenchServer started = (gc == null ? server : server.withMoreJvmOptions(gc.jvmOptions())).start()) {
        out.println("target:   " + started.describe());
        out.flush();
        FillCsv.Row row = measure(kind, started, value, gc);
        rows.add(row);
        table.row(row.server(), TextTable.count(row.items()), TextTable.count(row.rssAfterMb()),
            String.format(Locale.ROOT, "%.1f", row.bytesPerItem()),
            String.format(Locale.ROOT, "%.1f", row.items() / row.fillPerSecond()), TextTable.count(row.fillPerSecond()),
            TextTable.count(row.gets()), TextTable.micros(row.p50Micros()), TextTable.micros(row.p99Micros()),
            TextTable.micros(row.p999Micros()), TextTable.micros(row.maxMicros()),
            Double.isNaN(row.gcPauses()) ? "-" : TextTable.count(row.gcPauses()),
            Double.isNaN(row.gcMaxMillis()) ? "-" : String.format(Locale.ROOT, "%.2f", row.gcMaxMillis()));
      }
    }
    out.println();
    out.print(table.render());
    if (csv != null) {
      FillCsv.append(csv, rows);
      out.println("point " + CurveCsv.format(point) + " appended to " + csv);
    }
    out.flush();
    return 0;
  }

  private void check() {
    if (items < 1 || items > MAX_ITEMS) {
      throw new IllegalArgumentException("--items must be 1..50,000,000, was " + items);
    }
    if (valueSize < 1 || valueSize > ValueSizes.MAX_VALUE_SIZE) {
      throw new IllegalArgumentException("--value-size must be 1.." + ValueSizes.MAX_VALUE_SIZE + ", was " + valueSize);
    }
    if (getRate < 1 || getRate > 100_000) {
      throw new IllegalArgumentException("--get-rate must be 1..100,000 gets per second, was " + getRate);
    }
    if (fillRate < 0 || fillRate > 10_000_000) {
      throw new IllegalArgumentException("--fill-rate must be 0 (as fast as the server takes them) or up to "
          + "10,000,000 sets per second, was " + fillRate);
    }
    if (timeout.isZero()) {
      throw new IllegalArgumentException("--timeout must be more than 0s");
    }
    if (targets.contains(ServerKind.CANNED) || targets.contains(ServerKind.CACHEMAN_EMBEDDED)) {
      throw new IllegalArgumentException("fill measures a server process of its own: memcached or cacheman");
    }
    if ((csv == null) != (point == null)) {
      throw new IllegalArgumentException("--csv and --point go together: the file of the curve and this run's x on it");
    }
  }

  /** Without --server-memory: room for the items with memcached's chunk overhead, at least 2 GB. */
  private int defaultMemoryMb() {
    long need = (long) (items * (KeySpace.KEY_LENGTH + valueSize + ITEM_OVERHEAD) * 1.15 / MB);
    return (int) Math.max(2048, (need + 1023) / 1024 * 1024);
  }

  private FillCsv.Row measure(ServerKind kind, BenchServer server, byte[] value, GcLog gc) throws Exception {
    long pid = server.pid().orElseThrow();
    InetSocketAddress address = server.addresses().get(0);
    if (gc != null) {
      JvmGc.run(pid); // the startup's garbage is not the items'
    }
    Thread.sleep(settle.toMillis());
    long before = ProcessMemory.residentBytes(pid);
    long gcFrom = gc != null ? gc.mark() : 0;
    PacedGetter.Result gets;
    double seconds;
    try (PipelinedFill fill = PipelinedFill.start(address, (int) items, value, (int) fillRate);
        PacedGetter getter = PacedGetter.start(address, getRate, fill::confirmed, getRate * timeout.toSeconds())) {
      awaitFill(kind, fill);
      seconds = fill.seconds();
      gets = getter.stop();
    }
    GcLog.Pauses pauses = gc != null ? gc.pausesBetween(gcFrom, gc.mark()) : null;
    if (pauses != null) {
      spec.commandLine().getOut().printf(Locale.ROOT, "gc:       %d pauses during the fill, %.1f ms in all, the "
          + "longest %.2f ms (%s)%n", pauses.count(), pauses.totalMillis(), pauses.longestMillis(), pauses.longest());
    }
    spec.commandLine().getOut().println("slow:     " + slowGets(gets.slowSeconds()));
    if (fillRate > 0 && items / seconds < fillRate * 0.95) {
      spec.commandLine().getOut().printf(Locale.ROOT, "pace:     %s fell behind the pace: %,.0f of %,d sets/s, so its "
          + "fill took more time, and more gets, than a server that kept up%n", kind.cliName(), items / seconds, fillRate);
    }
    long held = StatsClient.number(StatsClient.stats(address), "curr_items");
    if (held != items) {
      throw new IllegalStateException(kind.cliName() + " holds " + held + " of " + items + " items; raise "
          + "--server-memory");
    }
    if (gets.misses() > 0) {
      throw new IllegalStateException(gets.misses() + " of " + gets.gets() + " gets of stored keys missed in "
          + kind.cliName() + " during the fill");
    }
    Thread.sleep(settle.toMillis());
    long after = ProcessMemory.residentBytes(pid);
    Histogram h = gets.latencyMicros();
    return new FillCsv.Row(point != null ? point : items, kind.cliName(), held, (after - before) / (double) items,
        items / seconds, h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9),
        h.getMaxValue(), gets.gets(), pauses != null ? pauses.count() : Double.NaN,
        pauses != null ? pauses.longestMillis() : Double.NaN, pauses != null ? pauses.totalMillis() : Double.NaN,
        before / (double) MB, after / (double) MB);
  }

  /** When the slow gets were due: the seconds of the fill with the most of them, in order of time. */
  static String slowGets(List<PacedGetter.SlowSecond> seconds) {
    long total = seconds.stream().mapToLong(PacedGetter.SlowSecond::gets).sum();
    if (total == 0) {
      return "no get over " + PacedGetter.SLOW_MICROS / 1000 + " ms";
    }
    String worst = seconds.stream()
        .sorted(Comparator.comparingLong(PacedGetter.SlowSecond::gets).reversed())
        .limit(SLOW_SECONDS_SHOWN)
        .sorted(Comparator.comparingInt(PacedGetter.SlowSecond::second))
        .map(s -> String.format(Locale.ROOT, "%d s: %,d (max %.1f ms)", s.second(), s.gets(), s.maxMicros() / 1000.0))
        .collect(Collectors.joining(", "));
    return String.format(Locale.ROOT, "%,d gets over %d ms, due in %d second%s of the fill; the most in %s", total,
        PacedGetter.SLOW_MICROS / 1000, seconds.size(), seconds.size() == 1 ? "" : "s", worst);
  }

  private void awaitFill(ServerKind kind, PipelinedFill fill) throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    long start = System.nanoTime();
    while (!fill.await(PROGRESS)) {
      double elapsed = (System.nanoTime() - start) / 1e9;
      err.printf(Locale.ROOT, "[%4.0fs] %s %,d of %,d items (%s/s)%n", elapsed, kind.cliName(), fill.confirmed(),
          items, TextTable.count(fill.confirmed() / elapsed));
      err.flush();
      if (elapsed > timeout.toSeconds()) {
        throw new IllegalStateException("filling " + kind.cliName() + " with " + items + " items took longer than "
            + "--timeout " + timeout.toSeconds() + "s (" + fill.confirmed() + " stored)");
      }
    }
  }
}
