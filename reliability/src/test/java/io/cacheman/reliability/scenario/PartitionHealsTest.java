package io.cacheman.reliability.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cacheman.config.CachemanConfig;
import io.cacheman.reliability.proxy.Direction;
import io.cacheman.reliability.proxy.FaultProxy;
import io.cacheman.reliability.proxy.Toxic;
import io.cacheman.reliability.scenario.NodeReturn.Figures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RELIABILITY §B 16 with a partition: three in-process nodes behind fault proxies; one is cut off
 * (both directions black-holed, as Toxiproxy's {@code timeout} toxic with no timeout does: bytes
 * are swallowed and the connections stay open) for {@link NodeReturn#CUT}, then the link is healed.
 * The node kept every value it had, and the client wrote its keys elsewhere meanwhile: reads
 * started after it is back in routing must not be older than the last acknowledged write.
 */
class PartitionHealsTest {
  private static final int VICTIM = 2;

  /**
   * @param returnLogSize the default (10,000: the client deletes what it logged) and 10 (the log
   *     overflows and the default {@code onReturn} flushes the node)
   */
  @ParameterizedTest(name = "returnLogSize {0}")
  @ValueSource(ints = {10_000, 10})
  void aHealedNodeServesNothingOlderThanWhatWasWrittenWhileItWasCutOff(int returnLogSize) {
    try (LocalNodes nodes = LocalNodes.start(3)) {
      CachemanConfig config = NodeReturn.settings(nodes.config()).returnLogSize(returnLogSize).build();
      FaultProxy proxy = nodes.proxy(VICTIM);
      Figures f = NodeReturn.run("B16 partition", config, VICTIM, new NodeReturn.Cut() {
        @Override
        public void start() {
          proxy.everywhere(Direction.UPSTREAM, Toxic.blackhole());
          proxy.everywhere(Direction.DOWNSTREAM, Toxic.blackhole());
        }

        @Override
        public void heal() {
          proxy.clear();
        }
      }, "part-" + returnLogSize + ":");
      NodeReturn.assertSafeAndInTime(f);
      assertEquals(0, f.staleAfterReturn(), "reads older than the last acknowledged write after the partition healed");
    }
  }
}
