package io.cacheman.reliability.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.cacheman.Cache;
import io.cacheman.CacheProtocolException;
import io.cacheman.CacheTimeoutException;
import io.cacheman.Cacheman;
import io.cacheman.CachemanException;
import io.cacheman.Transcoders;
import io.cacheman.config.CachemanConfig;
import io.cacheman.config.NodeAddress;
import io.cacheman.reliability.scenario.MisbehavingServer.Poison;
import io.cacheman.reliability.testing.Expect;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RELIABILITY §B 9: the server answers a get with something that is not its reply. The call fails
 * with a typed error (never a value, least of all another key's), the connection is discarded, and
 * the next operation on the node succeeds.
 */
class GarbageReplyTest {

  @ParameterizedTest
  @EnumSource(Poison.class)
  void aBadReplyIsATypedErrorAndTheNextOperationSucceeds(Poison poison) throws IOException {
    badReplyThenNextOperation(poison, 2); // the default number of connections per node
  }

  /**
   * With one connection per node the discarded connection is the only one: the next operation
   * must still succeed, by waiting (within its deadline) for the reconnect.
   */
  @ParameterizedTest
  @EnumSource(value = Poison.class, names = {"GARBAGE_LINE", "VALUE_FOR_ANOTHER_KEY"})
  void withOneConnectionTheNextOperationStillSucceeds(Poison poison) throws IOException {
    badReplyThenNextOperation(poison, 1);
  }

  private static void badReplyThenNextOperation(Poison poison, int connections) throws IOException {
    try (MisbehavingServer server = new MisbehavingServer()) {
      CachemanConfig config = CachemanConfig.builder().nodes(NodeAddress.of("127.0.0.1", server.port()))
          .connectionsPerNode(connections).operationTimeout(LocalNodes.OP_TIMEOUT).failureThreshold(1_000)
          .compressionThreshold(0).build();
      try (Cache<String> cache = Cacheman.builder().config(config).transcoder(Transcoders.string()).build()) {
        assertEquals(true, cache.set("k", "right"));
        assertEquals("right", cache.get("k"));
        int opened = server.acceptedConnections();
        server.poisonNextGet(poison);
        if (poison == Poison.EXTRA_REPLY) {
          // The get itself is answered correctly; the unsolicited END after it must not be
          // taken as the reply of anything that follows.
          assertEquals("right", cache.get("k"));
        } else if (poison == Poison.SHORT_BLOCK_THEN_SILENCE) {
          // Nothing marks a short block as wrong until its deadline: a typed timeout, not a hang.
          CachemanException e = Expect.fails(() -> cache.get("k"));
          assertInstanceOf(CacheTimeoutException.class, e, "a block that never completes: " + e);
        } else {
          CachemanException e = Expect.fails(() -> cache.get("k"));
          assertInstanceOf(CacheProtocolException.class, e, "a bad reply must be a protocol error: " + e);
        }
        Observe.until("the client to discard the connection", System.nanoTime(), Duration.ofSeconds(5),
            () -> server.connectionsClosedByClient() >= 1);
        assertEquals(true, cache.set("k2", "next"), "the first operation after the bad reply");
        assertEquals("next", cache.get("k2"));
        assertEquals("right", cache.get("k"));
        Observe.figures("B9 garbage", poison + " with " + connections + " connection(s): connections " + opened + " -> "
            + server.acceptedConnections() + ", closed by the client " + server.connectionsClosedByClient());
      }
    }
  }
}
