package io.cacheman.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.bench.jmh.KeyDistributionBenchmark;
import io.cacheman.bench.jmh.ServerProtocolBenchmark;
import io.cacheman.bench.server.BenchServer;
import io.cacheman.bench.server.ServerKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Each command end to end with tiny settings, as a user would type it. */
class CommandLineTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int bench(String... args) {
    return BenchMain.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private static final String TINY = "--duration 2s --warmup 0s --keys 100 --max-requests 600";

  private int bench(String args) {
    return bench(args.trim().split("\\s+"));
  }

  @Test
  void runPrintsProgressAndAResultTable() {
    assertEquals(0, bench("run --server memcached --client spymemcached --server-threads 1 " + TINY), err.toString());
    assertTrue(out.toString().contains("target:   memcached -t 1 -m 1024 (VERSION 1.6"), out.toString());
    assertTrue(out.toString().matches(
        "(?s).*client\\s+ops/s\\s+hit ratio\\s+p50 us\\s+p99 us\\s+p99\\.9 us\\s+max us\\s+cpu us/op\\s+errors.*"),
        out.toString());
    assertTrue(out.toString().matches("(?s).*spymemcached(\\s+[\\d.,]+){2}%(\\s+[\\d.,]+){5}\\s+0\\s*$"),
        "every figure, the client's CPU per request included: " + out);
    assertTrue(out.toString().matches("(?s).*spymemcached\\s+[\\d,]+\\s+100\\.00%.*"), out.toString());
  }

  @Test
  void runTargetsServersGivenByAddress() throws Exception {
    try (BenchServer memcached = TestServers.start(ServerKind.MEMCACHED)) {
      int port = memcached.addresses().get(0).getPort();
      assertEquals(0, bench("run --servers 127.0.0.1:" + port + " --client folsom --mode async --window 4 " + TINY),
          err.toString());
      assertTrue(out.toString().contains("external 127.0.0.1:" + port), out.toString());
      assertTrue(out.toString().matches("(?s).*folsom\\s+[\\d,]+\\s+100\\.00%.*\\s0\\s*$"), out.toString());
    }
  }

  @Test
  void compareRunsConfigurationsInterleavedAndReportsRatiosToTheBaseline() {
    assertEquals(0, bench("compare", "--rounds", "2", "--warmup-rounds", "0", "--client", "spymemcached",
        "--server-threads", "1", "--duration", "2s", "--warmup", "0s", "--keys", "100", "--max-requests", "400",
        "-c", "mc=--server memcached", "-c", "sm=--server cacheman-embedded --threads 2", "--baseline", "sm"),
        err.toString());
    List<String> rounds = err.toString().lines().filter(l -> l.startsWith("round")).toList();
    assertEquals(4, rounds.size(), err.toString());
    assertTrue(rounds.get(0).matches("round 1/2 +mc .*") && rounds.get(1).matches("round 1/2 +sm .*")
        && rounds.get(2).matches("round 2/2 +sm .*") && rounds.get(3).matches("round 2/2 +mc .*"), "A B B A: " + rounds);
    String baselineRow = out.toString().lines().filter(l -> l.startsWith("sm ")).findFirst().orElseThrow();
    assertTrue(baselineRow.matches("sm\\s+[\\d,]+\\s+[\\d.,]+\\s+1\\.00x\\s+1\\.00-1\\.00\\s+1\\.00x.*"), baselineRow);
    assertTrue(out.toString().lines().anyMatch(l -> l.matches("mc\\s+[\\d,]+\\s+[\\d.,]+\\s+[\\d.]+x\\s+[\\d.]+-[\\d.]+\\s.*")),
        out.toString());
    assertTrue(out.toString().contains("ops/s vs sm"), out.toString());
  }

  @Test
  void compareSaysWhichConfigurationsCompressTheirValues() {
    assertEquals(0, bench("compare", "--rounds", "1", "--warmup-rounds", "0", "--server", "memcached",
        "--server-threads", "1", "--duration", "2s", "--warmup", "0s", "--keys", "20", "--max-requests", "100",
        "--value-size", "2000", "-c", "plain=--client cacheman", "-c", "packed=--client cacheman --compression-threshold 1024",
        "-c", "folsom=--client folsom --compression-threshold 1024"), err.toString());
    List<String> header = out.toString().lines().filter(l -> l.startsWith("  ")).toList();
    assertEquals(List.of("  plain: cacheman on memcached", "  packed: cacheman (compresses values of 1024 B or more) on memcached",
        "  folsom: folsom (never compresses) on memcached"),
        header.stream().map(l -> l.substring(0, l.indexOf(',', l.indexOf(" on ")))).toList(), out.toString());
  }

  @Test
  void runWithMultiGetsOverSeveralNodesShowsKeysPerSecondAndCpuPerKey() {
    assertEquals(0, bench("run --server memcached --nodes 2 --server-threads 1 --client cacheman --multi-get 25"
        + " --get-ratio 1 " + TINY), err.toString());
    assertTrue(out.toString().contains("2 nodes: memcached -t 1"), out.toString());
    assertTrue(out.toString().contains("(multi-gets of 25 keys)"), out.toString());
    assertTrue(out.toString().matches("(?s).*client\\s+ops/s\\s+keys/s\\s+hit ratio\\s+p50 us\\s+p99 us\\s+p99\\.9 us"
        + "\\s+max us\\s+cpu us/op\\s+cpu us/key\\s+errors.*"), out.toString());
    assertTrue(out.toString().matches("(?s).*cacheman(\\s+[\\d.,]+){2}\\s+100\\.00%(\\s+[\\d.,]+){6}\\s+0\\s*$"),
        "every key of every multi-get hits: " + out);
  }

  @Test
  void badInputIsOneSentenceAndExitCodeTwo() {
    assertEquals(2, bench("run --server nosuch"));
    assertTrue(err.toString().contains("server must be one of memcached, cacheman, cacheman-embedded, canned"), err.toString());
    assertEquals(2, bench("run --client spymemcached"));
    assertTrue(err.toString().contains("give either --servers host:port[,...] or --server"), err.toString());
    assertEquals(2, bench("compare --server canned -c a=--threads=0"));
    assertTrue(err.toString().contains("configuration 'a': threads must be 1..4096, was 0"), err.toString());
    assertEquals(2, bench("run --server canned --value-size 100:x"));
    assertEquals(2, bench("run --server canned --keys 100 --multi-get 101"));
    assertTrue(err.toString().contains("--multi-get must be 1..100 (at most --keys), was 101"), err.toString());
    assertEquals(2, bench("run --server canned --multi-get 10 --fill-on-miss"));
    assertTrue(err.toString().contains("--fill-on-miss applies to single gets"), err.toString());
    assertEquals(2, bench("run --servers 127.0.0.1:1 --nodes 3"));
    assertTrue(err.toString().contains("--nodes starts that many servers of --server"), err.toString());
    assertFalse(err.toString().contains("\tat "), "no stack traces: " + err);
  }

  @Test
  void memoryReportsBytesPerItemOfAServerProcess() {
    // server-minimal: the JVM path, with its reading after a full GC (memcached's path is the same minus that).
    assertEquals(0, bench("memory --targets cacheman --items 20000 --settle 0s --server-threads 1"), err.toString());
    for (String server : List.of("cacheman", "cacheman after full GC")) {
      String row = out.toString().lines().filter(l -> l.startsWith(server + " ")).findFirst().orElseThrow();
      assertTrue(row.matches(server + "\\s+20,000\\s+[\\d,]+\\s+[\\d,]+\\s+-?[\\d.]+\\s+-?[\\d.]+\\s+[\\d.]+"), row);
    }
  }

  @Test
  void fillReportsBytesPerItemFillRateGetLatencyAndGcPauses(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("items.csv");
    assertEquals(0, bench("fill --items 30000 --settle 0s --server-threads 1 --get-rate 500 --csv " + csv
        + " --point 30000"), err.toString());
    String numbers = "(\\s+-?[\\d.,]+){10}";
    String memcached = out.toString().lines().filter(l -> l.startsWith("memcached ")).findFirst().orElseThrow();
    assertTrue(memcached.matches("memcached\\s+30,000" + numbers.replace("{10}", "{9}") + "\\s+-\\s+-"), memcached);
    String cacheman = out.toString().lines().filter(l -> l.startsWith("cacheman ")).findFirst().orElseThrow();
    assertTrue(cacheman.matches("cacheman\\s+30,000" + numbers + "\\s+[\\d.]+"), "with its GC pauses: " + cacheman);
    assertTrue(out.toString().contains("gc:       "), out.toString());
    List<String> lines = Files.readAllLines(csv);
    assertEquals(3, lines.size(), lines.toString());
    assertTrue(lines.get(1).startsWith("30000,memcached,30000,") && lines.get(1).contains(",,,"), lines.get(1));
    assertTrue(lines.get(2).matches("30000,cacheman,30000(,-?[\\d.]+){12}"), lines.get(2));

    out.getBuffer().setLength(0);
    assertEquals(0, bench("fill --items 30000 --settle 0s --server-threads 1 --get-rate 500 --fill-rate 20000"),
        err.toString());
    assertTrue(out.toString().contains("30,000 items, 16-byte keys, 100-byte values, 20,000 sets/s;"), out.toString());
    for (String server : List.of("memcached ", "cacheman ")) {
      String row = out.toString().lines().filter(l -> l.startsWith(server)).findFirst().orElseThrow();
      double perSecond = Double.parseDouble(row.trim().split("\\s+")[5].replace(",", ""));
      // The last of 300 chunks of 100 sets is due 1.495 s after the first: a paced fill cannot be faster than that.
      assertTrue(perSecond <= 30_000 / 1.49, "paced at 20,000 sets/s: " + row);
    }

    assertEquals(2, bench("fill --items 0"));
    assertTrue(err.toString().contains("--items must be 1..50,000,000, was 0"), err.toString());
    assertEquals(2, bench("fill --get-rate 0"));
    assertTrue(err.toString().contains("--get-rate must be 1..100,000 gets per second, was 0"), err.toString());
    assertEquals(2, bench("fill --fill-rate -5"));
    assertTrue(err.toString().contains("--fill-rate must be 0 (as fast as the server takes them) or up to "
        + "10,000,000 sets per second, was -5"), err.toString());
    assertEquals(2, bench("fill --targets canned"));
    assertTrue(err.toString().contains("fill measures a server process of its own"), err.toString());
    assertEquals(2, bench("fill --csv " + csv));
    assertTrue(err.toString().contains("--csv and --point go together"), err.toString());
    assertFalse(err.toString().contains("\tat "), "no stack traces: " + err);
  }

  @Test
  void hitRatioIsMeasuredOnAWorkloadLargerThanMemory() {
    assertEquals(0, bench("hitratio --targets memcached --server-memory 2 --requests 5000 "
        + "--warmup-requests 5000 --server-threads 1 --threads 1"), err.toString());
    Matcher m = Pattern.compile("(?m)^memcached\\s+([\\d.]+)%").matcher(out.toString());
    assertTrue(m.find(), out.toString());
    double hitRatio = Double.parseDouble(m.group(1));
    assertTrue(hitRatio > 5 && hitRatio < 100, "a skewed workload hits often, but not always: " + hitRatio);
  }

  @Test
  void jmhBenchmarksRunFromTheGeneratedList() throws Exception {
    Options options = new OptionsBuilder()
        .include(KeyDistributionBenchmark.class.getName() + ".sample")
        .param("distribution", "zipf:0.99")
        .param("keys", "1000")
        .forks(0)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(200))
        .shouldFailOnError(true)
        .build();
    Collection<RunResult> results = new Runner(options).run();
    assertEquals(1, results.size());
    assertTrue(results.iterator().next().getPrimaryResult().getScore() > 0);
  }

  @Test
  void theServerProtocolBenchmarkAnswersWhatItMeasures() throws Exception {
    Options options = new OptionsBuilder()
        .include(ServerProtocolBenchmark.class.getName())
        .param("command", "get")
        .forks(0)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(200))
        .shouldFailOnError(true)
        .build();
    assertEquals(1, new Runner(options).run().size(), "its setup checks that a get hits");
  }
}
