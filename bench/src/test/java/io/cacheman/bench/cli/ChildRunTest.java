package io.cacheman.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.bench.load.Counts;
import io.cacheman.bench.load.RunResult;
import io.cacheman.bench.server.ExternalServers;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** How a {@code --client-jar} run is handed to a child JVM, bounded, and read back. */
class ChildRunTest {

  private static RunOptions parse(String... args) {
    RunOptions o = new RunOptions();
    o.loadArgs = ChildRun.forwardedArgs(new CommandLine(o).setOverwrittenOptionsAllowed(true).parseArgs(args));
    return o;
  }

  @Test
  void theChildGetsTheLoadOptionsAsGivenButNotTheTargetNorThePreloadDecision() {
    RunOptions o = parse("--server", "memcached", "--server-threads", "1", "--threads", "4", "--duration", "2s",
        "--fill-on-miss", "--no-preload", "--client-jar", "old.jar", "--client-jvm-opts", "-Xmx1g -Xss1m",
        "-t8");
    assertEquals(List.of("--threads=8", "--duration=2s", "--fill-on-miss"), o.loadArgs,
        "the last value of an option given twice is the one in effect; options not given are not passed");

    List<String> cmd = ChildRun.command(o, ExternalServers.parse("127.0.0.1:11311"), false, Path.of("result"));
    List<String> expectedTail = List.of("-Xmx1g", "-Xss1m", "-cp", "old.jar", ChildRun.BENCH_MAIN, "run",
        "--servers", "127.0.0.1:11311", "--threads=8", "--duration=2s", "--fill-on-miss", "--no-preload",
        "--result-file", "result");
    assertEquals(expectedTail, cmd.subList(1, cmd.size()));
    assertFalse(ChildRun.command(o, ExternalServers.parse("127.0.0.1:11311"), true, Path.of("r"))
        .contains("--no-preload"), "the parent preloads or tells the child not to; the child follows");
  }

  @Test
  void aResultSurvivesTheTripThroughTheFile(@TempDir Path dir) throws IOException {
    Histogram latency = new Histogram(3);
    latency.recordValue(150_000);
    latency.recordValue(2_500_000);
    RunResult sent = new RunResult(Duration.ofMillis(5_001), new Counts(90, 80, 10, 2), latency,
        "CacheTimeoutException: get key:000000000001 = timed out", 123_456_789L);
    Path file = dir.resolve("result.properties");
    ResultFile.write(sent, file);

    RunResult read = ResultFile.read(file);
    assertEquals(sent.elapsed(), read.elapsed());
    assertEquals(sent.counts(), read.counts());
    assertEquals(sent.firstError(), read.firstError());
    assertEquals(sent.cpuNanos(), read.cpuNanos());
    assertEquals(sent.cpuMicrosPerOp(), read.cpuMicrosPerOp());
    assertEquals(2, read.latency().getTotalCount());
    assertEquals(sent.latencyMicros(99), read.latencyMicros(99));

    Files.writeString(file, "format=something-else\n");
    IOException e = assertThrows(IOException.class, () -> ResultFile.read(file));
    assertTrue(e.getMessage().contains("not in format " + ResultFile.FORMAT), e.getMessage());
  }

  @Test
  void aChildStillRunningPastItsBoundIsStopped() throws Exception {
    // A server that accepts connections and never answers: the child's run would last its 60 s.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      RunOptions o = parse("--duration", "60s", "--warmup", "0s", "--keys", "10", "--client-jar",
          System.getProperty("java.class.path"));
      StringWriter err = new StringWriter();
      Duration bound = Duration.ofSeconds(3);
      IOException e = assertThrows(IOException.class, () -> assertTimeout(Duration.ofSeconds(30),
          () -> ChildRun.run("configuration 'slow'", o, ExternalServers.parse("127.0.0.1:" + silent.getLocalPort()),
              false, bound, new PrintWriter(err, true))));
      assertTrue(e.getMessage().startsWith("configuration 'slow': the child JVM of --client-jar ")
          && e.getMessage().endsWith(" was still running after 3s (warmup + duration + 120s) and was stopped"),
          e.getMessage());
      assertTrue(err.toString().startsWith("output of the child JVM"), err.toString());
      assertTrue(ProcessHandle.current().children().noneMatch(ChildRunTest::isBenchChild),
          "the child was stopped and reaped");
    }
  }

  private static boolean isBenchChild(ProcessHandle p) {
    return p.isAlive() && p.info().arguments().map(a -> Arrays.asList(a).contains(ChildRun.BENCH_MAIN)).orElse(false);
  }
}
