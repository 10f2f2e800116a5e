package io.cacheman.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.Cache;
import io.cacheman.CachemanException;
import io.cacheman.config.Protocol;
import io.cacheman.testing.Clients;
import io.cacheman.testing.MisbehavingServer;
import io.cacheman.testing.MisbehavingServer.Reply;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code cacheman.protocol = auto} against nodes that do not speak meta: one that answers {@code mn}
 * with {@code ERROR} (memcached before 1.6, most proxies) and one that closes the connection on it
 * (twemproxy 0.5): both are used over text. With {@code meta}, a text-only node's error is the answer.
 */
class ProtocolChoiceTest {

  @Test
  void aNodeThatAnswersMnWithErrorIsSpokenToInText() throws Exception {
    try (MisbehavingServer node = new MisbehavingServer((line, n) -> MisbehavingServer.proper(line));
        Cache<String> cache = Clients.strings(c -> c.protocol(Protocol.AUTO), node.address())) {
      assertTrue(cache.set("k", "v"));
      assertEquals("v:k", cache.get("k"));
      assertTrue(node.lines().contains("mn"), node.lines().toString());
      assertTrue(node.lines().stream().noneMatch(l -> l.startsWith("mg ") || l.startsWith("ms ")), node.lines().toString());
    }
  }

  @Test
  void aNodeThatClosesTheConnectionOnMnIsTakenAsTextOnlyFromThenOn() throws Exception {
    try (MisbehavingServer node = new MisbehavingServer((line, n) -> line.equals("mn") ? Reply.thenClose("")
        : MisbehavingServer.proper(line));
        Cache<String> cache = Clients.strings(c -> c.protocol(Protocol.AUTO).connectionsPerNode(1), node.address())) {
      assertTrue(cache.admin().awaitConnected(Duration.ofSeconds(5)));
      assertEquals("v:k", cache.get("k"));
      assertEquals(1, node.lines().stream().filter("mn"::equals).count(), node.lines().toString());
      assertTrue(node.lines().contains("get k"), node.lines().toString());
    }
  }

  @Test
  void withMetaATextOnlyNodesErrorIsTheAnswer() throws Exception {
    try (MisbehavingServer node = new MisbehavingServer((line, n) -> MisbehavingServer.proper(line));
        Cache<String> cache = Clients.strings(c -> c.protocol(Protocol.META), node.address())) {
      CachemanException e = assertThrows(CachemanException.class, () -> cache.get("k"));
      assertTrue(e.getMessage().contains("ERROR"), e.getMessage());
      assertTrue(node.lines().contains("mg k v f"), node.lines().toString());
    }
  }
}
