package io.cacheman.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sends each scripted conversation to a fresh real memcached and to a fresh Cacheman node and
 * requires byte-identical replies, except the text after {@code VERSION}. Fresh servers make cas
 * uniques comparable: both number their mutations the same way from 1. A new case is one file in
 * {@code src/test/resources/conversations}. Where Cacheman is deliberately stricter than
 * memcached (docs/server.md), the case lives in {@link HostileInputTest} instead.
 */
class DifferentialTest {

  static List<Conversation> conversations() {
    return Conversation.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("conversations")
  void repliesLikeMemcached(Conversation conversation) throws Exception {
    String expected;
    try (RealMemcached memcached = new RealMemcached()) {
      expected = converse(memcached.port, conversation);
    }
    String actual;
    ServerConfig config = ServerConfig.builder().port(0).threads(1)
        .memoryLimitBytes(64L << 20).build();
    try (CachemanServer server = CachemanServer.start(config)) {
      actual = converse(server.port(), conversation);
    }
    assertEquals(expected, actual, conversation.name);
  }

  private static String converse(int port, Conversation conversation) throws Exception {
    try (TextClient client = new TextClient(port, 10_000)) {
      client.send(conversation.request);
      String replies = new String(client.finish(), StandardCharsets.ISO_8859_1);
      return replies.replaceAll("VERSION [^\r]*\r\n", "VERSION <version>\r\n");
    }
  }
}
