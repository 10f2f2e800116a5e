package io.cacheman.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link DifferentialTest} with security on: memcached 1.6.18 and the node started with the same
 * {@code -Y} file must answer every conversation of {@code src/test/resources/auth-conversations}
 * byte for byte alike (the unauthenticated replies, the login, what follows); and over TLS, both
 * started with {@code -Z} and the same certificate, every conversation of both directories.
 */
class SecureDifferentialTest {
  /** Test users only: the file is written fresh for each test. */
  private static final String USERS = "alice:s3cret\nbob:hunter2\n";

  @TempDir
  Path dir;

  static List<Conversation> authConversations() {
    return Conversation.all("/auth-conversations");
  }

  static List<Conversation> everyConversation() {
    return Stream.concat(Conversation.all().stream(), authConversations().stream()).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("authConversations")
  void authRepliesLikeMemcached(Conversation conversation) throws Exception {
    Path users = authFile();
    DifferentialTest.assertRepliesLikeMemcached(conversation,
        new String[] {"-Y", users.toString()}, ServerConfig.builder().authFile(users),
        port -> new TextClient(port, 10_000));
  }

  /** Over TLS; the auth conversations with {@code -Y} as well, the others without. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("everyConversation")
  void repliesOverTlsLikeMemcached(Conversation conversation) throws Exception {
    boolean auth = authConversations().stream().anyMatch(c -> c.name.equals(conversation.name));
    Path users = authFile();
    String[] tls = TlsClients.memcachedFlags();
    String[] flags = auth ? Stream.concat(Stream.of(tls), Stream.of("-Y", users.toString()))
        .toArray(String[]::new) : tls;
    ServerConfig.Builder config = ServerConfig.builder().tls(TlsClients.serverSettings())
        .authFile(auth ? users : null);
    var factory = TlsClients.client(false);
    DifferentialTest.assertRepliesLikeMemcached(conversation, flags, config,
        port -> TextClient.overTls(port, factory, 10_000));
  }

  private Path authFile() throws Exception {
    Path users = dir.resolve("users");
    if (!Files.exists(users)) {
      Files.writeString(users, USERS);
    }
    return users.toAbsolutePath();
  }
}
