package io.cacheman.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sends each scripted conversation to a fresh real memcached and to a fresh Cacheman node and
 * requires byte-identical replies, except the text after {@code VERSION} and the reply lines a
 * conversation declares {@code #cacheman-only} (error lines Cacheman sends despite {@code
 * noreply}: they must be exactly the lines Cacheman sends in addition, in order) and elapsed-time
 * fields of meta replies within one second of memcached's ({@link TimeFields} says why). Fresh servers
 * make cas uniques comparable: both number their mutations the same way from 1. A new case is one file in
 * {@code src/test/resources/conversations}. Where Cacheman is deliberately stricter than
 * memcached (docs/server.md), the case lives in {@link HostileInputTest} instead.
 */
class DifferentialTest {

  static List<Conversation> conversations() {
    return Conversation.all();
  }

  /** Opens a client connection to a port (plaintext, or TLS for {@link SecureDifferentialTest}). */
  interface Connector {
    TextClient connect(int port) throws Exception;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("conversations")
  void repliesLikeMemcached(Conversation conversation) throws Exception {
    assertRepliesLikeMemcached(conversation, new String[0], ServerConfig.builder(),
        port -> new TextClient(port, 10_000));
  }

  /**
   * Plays the conversation to a fresh memcached started with {@code memcachedFlags} and to a
   * fresh node configured by {@code config}, each through {@code connector}, and compares.
   */
  static void assertRepliesLikeMemcached(Conversation conversation, String[] memcachedFlags,
      ServerConfig.Builder config, Connector connector) throws Exception {
    String expected;
    try (RealMemcached memcached = new RealMemcached(memcachedFlags)) {
      expected = converse(connector.connect(memcached.port), conversation);
    }
    String actual;
    try (CachemanServer server = CachemanServer.start(config.port(0).threads(1)
        .memoryLimitBytes(64L << 20).build())) {
      actual = withoutCachemanOnly(conversation, expected,
          converse(connector.connect(server.port()), conversation));
      actual = TimeFields.align(expected, actual);
    }
    assertEquals(expected, actual, conversation.cachemanOnly.isEmpty() ? conversation.name
        : conversation.name + ", declared Cacheman-only: "
            + conversation.cachemanOnly.stream().map(String::strip).toList());
  }

  /**
   * Cacheman's replies with the declared Cacheman-only lines taken out, if they can be: the
   * declared lines, in order, must be insertable into memcached's reply lines to give Cacheman's
   * exactly. Otherwise Cacheman's replies are returned whole, so the comparison fails and shows
   * them. Lines are aligned (not searched for) because the same error line may also be a reply
   * both servers send, earlier or later in the conversation.
   */
  private static String withoutCachemanOnly(Conversation conversation, String expected,
      String actual) {
    List<String> extras = conversation.cachemanOnly;
    if (extras.isEmpty()) {
      return actual;
    }
    List<String> want = lines(expected);
    List<String> got = lines(actual);
    int m = want.size();
    if (got.size() != m + extras.size()) {
      return actual;
    }
    // can[i][j]: got's first i lines are want's first j lines with extras' first i - j inserted.
    boolean[][] can = new boolean[got.size() + 1][m + 1];
    can[0][0] = true;
    for (int i = 1; i <= got.size(); i++) {
      for (int j = Math.max(0, i - extras.size()); j <= Math.min(i, m); j++) {
        String line = got.get(i - 1);
        boolean shared = j > 0 && can[i - 1][j - 1] && line.equals(want.get(j - 1));
        boolean extra = i > j && can[i - 1][j] && line.equals(extras.get(i - j - 1));
        can[i][j] = shared || extra;
      }
    }
    return can[got.size()][m] ? expected : actual;
  }

  /** Reply lines with their line ends; a trailing partial line is one more line. */
  private static List<String> lines(String replies) {
    List<String> lines = new ArrayList<>();
    int from = 0;
    while (from < replies.length()) {
      int nl = replies.indexOf('\n', from);
      int end = nl < 0 ? replies.length() : nl + 1;
      lines.add(replies.substring(from, end));
      from = end;
    }
    return lines;
  }

  private static String converse(TextClient connected, Conversation conversation)
      throws Exception {
    try (TextClient client = connected) {
      client.send(conversation.request);
      String replies = new String(client.finish(), StandardCharsets.ISO_8859_1);
      return replies.replaceAll("VERSION [^\r]*\r\n", "VERSION <version>\r\n");
    }
  }
}
