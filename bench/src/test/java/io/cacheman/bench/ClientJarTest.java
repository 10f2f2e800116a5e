package io.cacheman.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.bench.server.BenchServer;
import io.cacheman.bench.server.ServerKind;
import io.cacheman.bench.server.StatsClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code compare} with a configuration whose load runs in a child JVM ({@code --client-jar}), the
 * way two builds of the SDK are compared. The child runs from this test's own class path: the
 * bench jar exists only after {@code package}.
 */
class ClientJarTest {
  private static final String OWN_CLASS_PATH = System.getProperty("java.class.path");
  private static final int KEYS = 100;
  private static final int REQUESTS = 400;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int bench(String... args) {
    return BenchMain.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void anInProcessAndAChildJvmConfigurationShareOneServerAndOnePreload() throws Exception {
    try (BenchServer memcached = TestServers.start(ServerKind.MEMCACHED)) {
      InetSocketAddress address = memcached.addresses().get(0);
      // Gets only: the server's set count then shows how often the keys were preloaded.
      assertEquals(0, bench("compare", "--rounds", "1", "--warmup-rounds", "0",
          "--servers", "127.0.0.1:" + address.getPort(), "--duration", "5s", "--warmup", "0s",
          "--keys", Integer.toString(KEYS), "--max-requests", Integer.toString(REQUESTS), "--get-ratio", "1",
          "-c", "in=--client=cacheman", "-c", "child=--client=cacheman --client-jar " + OWN_CLASS_PATH),
          err.toString());

      assertTrue(out.toString().contains("child: cacheman in a child JVM from " + OWN_CLASS_PATH), out.toString());
      for (String name : List.of("in", "child")) {
        String[] cells = out.toString().lines().filter(l -> l.startsWith(name + " ")).findFirst().orElseThrow()
            .trim().split("\\s+");
        assertEquals(11, cells.length, String.join(" ", cells));
        assertTrue(Double.parseDouble(cells[1].replace(",", "")) > 0, name + " ops/s: " + cells[1]);
        assertTrue(Double.parseDouble(cells[7]) >= 0, name + " cpu us/op: " + cells[7]);
        assertEquals("0", cells[10], name + " errors");
      }
      Map<String, String> stats = StatsClient.stats(address);
      assertEquals(KEYS, StatsClient.number(stats, "cmd_set"), "preloaded once, by the first configuration");
      assertTrue(StatsClient.number(stats, "get_hits") > REQUESTS, "both configurations' gets reached the server");
      assertEquals(0, StatsClient.number(stats, "get_misses"), "the child's gets hit the parent's preload");
      List<String> progress = err.toString().lines().toList();
      assertEquals(2, progress.size(), "one line per run; the child's own output is not shown: " + err);
      assertTrue(progress.get(1).matches("round 1/1 +child +[\\d,]+ ops/s .* cpu +[\\d.]+ us/op +errors 0"),
          progress.get(1));
    }
  }

  @Test
  void aMissingJarIsOneSentenceNamingTheConfigurationAndTheJar() {
    assertEquals(2, bench("compare", "--server", "memcached", "-c", "new=--client=cacheman",
        "-c", "old=--client=cacheman --client-jar no-such-dir/cacheman-bench.jar"));
    assertTrue(err.toString().startsWith("error: configuration 'old': --client-jar 'no-such-dir/cacheman-bench.jar' "
        + "does not exist"), err.toString());
    assertEquals(1, err.toString().lines().count(), err.toString());
    assertEquals("", out.toString(), "nothing is started for a comparison that cannot run");
  }

  @Test
  void aFailingChildIsOneSentenceNamingTheConfigurationAndTheJarAfterItsOutput() {
    // The child JVM refuses the option and exits before it runs anything, so no server is needed.
    assertEquals(1, bench("compare", "--rounds", "1", "--warmup-rounds", "0", "--servers", "127.0.0.1:9",
        "-c", "old=--client-jar " + OWN_CLASS_PATH + " --client-jvm-opts=-XX:+NoSuchBenchOption"));
    List<String> lines = err.toString().lines().toList();
    assertTrue(lines.contains("output of the child JVM:"), err.toString());
    assertTrue(lines.contains("  | Unrecognized VM option 'NoSuchBenchOption'"), err.toString());
    assertEquals("error: configuration 'old': the child JVM of --client-jar " + OWN_CLASS_PATH
        + " exited with code 1 without a result: Unrecognized VM option 'NoSuchBenchOption'", lines.get(lines.size() - 1));
    assertFalse(err.toString().contains("\tat "), "no stack traces: " + err);
  }
}
