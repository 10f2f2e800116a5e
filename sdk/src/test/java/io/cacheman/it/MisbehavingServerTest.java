package io.cacheman.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.Cache;
import io.cacheman.CacheConnectionException;
import io.cacheman.CacheProtocolException;
import io.cacheman.testing.Clients;
import io.cacheman.testing.MisbehavingServer;
import io.cacheman.testing.MisbehavingServer.Reply;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A server that answers garbage, the wrong key, or half a value: the call gets a typed error (or,
 * for a read, a clean retry), never a wrong or partial value; the connection is dropped and
 * replaced; the next operation succeeds.
 */
class MisbehavingServerTest {

  private static void checkRecovers(Cache<String> cache, MisbehavingServer server) {
    assertEquals("v:next", cache.get("next"));
    await().atMost(Duration.ofSeconds(5)).until(() -> server.connections() >= 3); // the bad one was replaced
    assertEquals(0, cache.admin().stats().total().inFlight());
  }

  @Test
  void garbageLineIsAProtocolErrorAndTheConnectionIsReplaced() throws Exception {
    try (MisbehavingServer server = new MisbehavingServer((line, n) ->
            n == 0 ? Reply.of("HELLO THERE\r\n") : MisbehavingServer.proper(line));
        Cache<String> cache = Clients.strings(server.address())) {
      CacheProtocolException e = assertThrows(CacheProtocolException.class, () -> cache.get("k"));
      assertTrue(e.getMessage().contains("HELLO THERE"), e.getMessage());
      checkRecovers(cache, server);
    }
  }

  @Test
  void valueForAnotherKeyIsNeverReturned() throws Exception {
    try (MisbehavingServer server = new MisbehavingServer((line, n) ->
            n == 0 ? Reply.of("VALUE other 0 5\r\nwrong\r\nEND\r\n") : MisbehavingServer.proper(line));
        Cache<String> cache = Clients.strings(server.address())) {
      CacheProtocolException e = assertThrows(CacheProtocolException.class, () -> cache.get("mine"));
      assertTrue(e.getMessage().contains("not requested"), e.getMessage());
      checkRecovers(cache, server);
    }
  }

  @Test
  void replyCutInsideAValueIsAConnectionErrorNotAPartialValue() throws Exception {
    try (MisbehavingServer server = new MisbehavingServer((line, n) ->
            n == 0 ? Reply.thenClose("VALUE k 0 10\r\nabc") : MisbehavingServer.proper(line));
        Cache<String> cache = Clients.strings(c -> c.retryAttempts(0), server.address())) {
      assertThrows(CacheConnectionException.class, () -> cache.get("k"));
      checkRecovers(cache, server);
    }
  }

  @Test
  void aReadCutShortIsRetriedOnAnotherConnection() throws Exception {
    try (MisbehavingServer server = new MisbehavingServer((line, n) ->
            n == 0 ? Reply.thenClose("VALUE k 0 10\r\nabc") : MisbehavingServer.proper(line));
        Cache<String> cache = Clients.strings(server.address())) {
      assertEquals("v:k", cache.get("k"));
    }
  }

  @Test
  void unsolicitedBytesDropTheConnection() throws Exception {
    try (MisbehavingServer server = new MisbehavingServer((line, n) ->
            n == 0 ? Reply.of("VALUE k 0 1\r\nx\r\nEND\r\nEND\r\n") : MisbehavingServer.proper(line));
        Cache<String> cache = Clients.strings(c -> c.retryAttempts(0).connectionsPerNode(1), server.address())) {
      // the first reply is fine, the extra END after it is a desync: the connection goes
      assertEquals("x", cache.get("k"));
      await().atMost(Duration.ofSeconds(5)).until(() -> server.connections() >= 2);
      await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> "v:again".equals(cache.get("again")));
    }
  }
}
