package io.cacheman.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.bench.client.ClientAdapter;
import io.cacheman.bench.client.ClientSettings;
import io.cacheman.bench.client.ClientType;
import io.cacheman.bench.load.KeyDistribution;
import io.cacheman.bench.load.KeySpace;
import io.cacheman.bench.load.LoadRunner;
import io.cacheman.bench.load.LoadSpec;
import io.cacheman.bench.load.Preloader;
import io.cacheman.bench.load.ProgressListener;
import io.cacheman.bench.load.RunResult;
import io.cacheman.bench.load.ValueSizes;
import io.cacheman.bench.load.Workload;
import io.cacheman.bench.server.BenchServer;
import io.cacheman.bench.server.ServerGroup;
import io.cacheman.bench.server.ServerKind;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, curve 4 in small: Cacheman's client CPU per key must not grow with the width of a
 * multi-get. Over three memcached nodes, 10, 100, 1,000 and 10,000 keys per call, each width run
 * three times interleaved on one client, after a round that is not counted (the JIT compiles the
 * paths meanwhile, and its CPU is the process's); the least CPU per key of each width (the run
 * least disturbed by the rest of a busy machine) must stay within 1.5x of the width before it.
 * Process CPU time, not wall time, so a loaded machine slows the runs without moving the figure
 * much. The figures are printed ("[multi-get shape]") for comparison with docs/BENCHMARKS.md.
 */
class MultiGetShapeTest {
  private static final int[] WIDTHS = {10, 100, 1_000, 10_000};
  private static final int ROUNDS = 3;
  private static final int KEYS = 30_000;
  private static final double MOST_GROWTH = 1.5;

  @Test
  void cpuPerKeyDoesNotGrowWithTheWidthOfAMultiGet() throws Exception {
    KeySpace keys = new KeySpace(KEYS);
    double[] least = new double[WIDTHS.length];
    Arrays.fill(least, Double.MAX_VALUE);
    try (BenchServer nodes = ServerGroup.start(TestServers.spec(ServerKind.MEMCACHED), 3);
        ClientAdapter client = ClientType.CACHEMAN.open(nodes.addresses(),
            new ClientSettings(2, Duration.ofSeconds(5), 2, 2))) {
      Preloader.preload(client, keys, ValueSizes.parse("100"), Duration.ofSeconds(30));
      for (int round = -1; round < ROUNDS; round++) { // round -1 warms up
        for (int i = 0; i < WIDTHS.length; i++) {
          Workload workload = new Workload(keys, KeyDistribution.parse("uniform", KEYS), ValueSizes.parse("100"), 1.0,
              false, WIDTHS[i]);
          LoadSpec load = new LoadSpec(2, LoadSpec.Mode.SYNC, 1, Duration.ofMillis(500), Duration.ofMillis(1500), 0,
              LoadSpec.DEFAULT_SEED + round, false);
          RunResult r = new LoadRunner(client, workload, load, ProgressListener.QUIET).run();
          System.out.printf(Locale.ROOT, "[multi-get shape] round %2d, %,6d keys: %,9.0f keys/s, %.3f us CPU/key,"
              + " %d errors%n", round + 1, WIDTHS[i], r.keysPerSecond(), r.cpuMicrosPerKey(), r.counts().errors());
          if (round >= 0 && r.counts().errors() == 0 && r.cpuMicrosPerKey() > 0) {
            least[i] = Math.min(least[i], r.cpuMicrosPerKey());
          }
        }
      }
    }
    for (int i = 0; i < WIDTHS.length; i++) {
      assertTrue(least[i] < Double.MAX_VALUE, "no error-free run at " + WIDTHS[i] + " keys");
    }
    for (int i = 1; i < WIDTHS.length; i++) {
      double growth = least[i] / least[i - 1];
      assertTrue(growth <= MOST_GROWTH, String.format(Locale.ROOT,
          "CPU per key at %,d keys is %.2fx that at %,d keys (%.3f against %.3f us), more than %.1fx", WIDTHS[i],
          growth, WIDTHS[i - 1], least[i], least[i - 1], MOST_GROWTH));
    }
  }
}
