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
 * for {@link NodeReturn#CUT}, then the link is healed. The node kept every value it had, and the
 * client wrote its keys elsewhere meanwhile: reads started after it is back in routing must not be
 * older than the last acknowledged write.
 *
 * <p>The cut is Toxiproxy's {@code timeout} toxic: both directions black-holed (connections open,
 * nothing gets through), and the connections that lived through it closed (reset) when it ends.
 * Without that close the proxy would go on forwarding streams it had cut holes in, which no network
 * does (TCP delivers a live connection's bytes late or not at all, never with a gap), and the node
 * would parse the next command out of the middle of another: a fault of the harness, not the
 * partition this scenario is about. The SIGSTOP scenario covers the other way a cut can end, with
 * every byte delivered late.
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
          proxy.toxics(Direction.UPSTREAM).toxics(Direction.DOWNSTREAM); // connections from now on are clean
          proxy.resetAll(); // the cut ones end, as Toxiproxy's timeout toxic ends them
          proxy.clear();
        }
      }, "part-" + returnLogSize + ":");
      NodeReturn.assertSafeAndInTime(f);
      assertEquals(0, f.staleAfterReturn(), "reads older than the last acknowledged write after the partition healed");
    }
  }
}
