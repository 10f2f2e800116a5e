package io.cacheman.bench.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.bench.server.BenchServer;
import io.cacheman.bench.server.ExternalServers;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** When a comparison preloads a server again: only when a run needs contents it does not hold. */
class TargetsTest {
  private static RunOptions options(String... args) {
    RunOptions o = new RunOptions();
    new CommandLine(o).parseArgs(args);
    return o;
  }

  @Test
  void clientsShareOneServersRawValuesButKeepTheirOwnPlacementsOverSeveral() throws Exception {
    try (Targets targets = new Targets()) {
      BenchServer one = ExternalServers.parse("127.0.0.1:1");
      assertTrue(targets.needsPreload(one, options("--client", "cacheman")));
      assertFalse(targets.needsPreload(one, options("--client", "folsom")), "one server: every client routes alike");
      assertTrue(targets.needsPreload(one, options("--client", "folsom", "--value-size", "200")), "other values");

      BenchServer two = ExternalServers.parse("127.0.0.1:1,127.0.0.1:2");
      assertTrue(targets.needsPreload(two, options("--client", "cacheman")));
      assertTrue(targets.needsPreload(two, options("--client", "folsom")), "folsom places keys its own way");
      assertFalse(targets.needsPreload(two, options("--client", "cacheman")), "cacheman's placement was kept");
    }
  }

  @Test
  void compressedValuesAreEachClientsOwnSoAChangeOfClientLoadsAgain() throws Exception {
    try (Targets targets = new Targets()) {
      BenchServer one = ExternalServers.parse("127.0.0.1:1");
      assertTrue(targets.needsPreload(one, options("--client", "cacheman", "--compression-threshold", "16384")));
      assertFalse(targets.needsPreload(one, options("--client", "cacheman", "--compression-threshold", "16384")));
      assertTrue(targets.needsPreload(one, options("--client", "spymemcached", "--compression-threshold", "16384")));
      assertTrue(targets.needsPreload(one, options("--client", "cacheman", "--compression-threshold", "16384")),
          "spymemcached's preload replaced cacheman's values under the same keys");
    }
  }
}
