package io.cacheman.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.cacheman.Cache;
import io.cacheman.CacheConnectionException;
import io.cacheman.CachemanException;
import io.cacheman.config.AuthConfig;
import io.cacheman.config.CachemanConfig;
import io.cacheman.server.testing.TestCertificates;
import io.cacheman.testing.Backend;
import io.cacheman.testing.Clients;
import io.cacheman.testing.EnvLoginChild;
import io.cacheman.testing.LogCapture;
import io.cacheman.testing.Memcached;
import io.cacheman.testing.SecuredNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The client's TLS and login against memcached 1.6 started with {@code -Z} and {@code -Y}: what
 * works, and each misconfiguration failing with one sentence that names the node and the reason,
 * by the call's deadline, with the password nowhere in messages or logs.
 */
class TlsAndAuthTest {
  private static final TestCertificates CERTS = TestCertificates.shared();
  private static final Duration TIMEOUT = Duration.ofMillis(800);

  @Test
  void mutualTlsWorksWithTheClientsCertificateAndFailsWithout() {
    try (Memcached node = Memcached.launch(tls(CERTS.serverCertFile(), "ssl_ca_cert="
        + CERTS.caFile().toAbsolutePath() + ",ssl_verify_mode=2"))) {
      try (Cache<String> cache = Clients.strings(c -> trustingTheTestCa(c).tls(t -> t
          .certFile(CERTS.clientCertFile()).keyFile(CERTS.clientKeyFile())), node.address())) {
        assertTrue(cache.set("mtls", "yes"));
        assertEquals("yes", cache.get("mtls"));
      }
      String error = failure(node, this::trustingTheTestCa);
      assertTrue(error.contains("TLS") || error.contains("closed by the server"), error);
    }
  }

  @Test
  void aCertificateFromAnotherCaIsRefused() {
    try (Memcached node = Memcached.launch(tls(CERTS.untrustedCertFile(), null, CERTS.otherKeyFile()))) {
      String error = failure(node, this::trustingTheTestCa);
      assertTrue(error.contains("not signed by a trusted CA"), error);
    }
  }

  @Test
  void aCertificateForAnotherHostIsRefusedUnlessHostnamesAreNotChecked() {
    try (Memcached node = Memcached.launch(tls(CERTS.wrongHostCertFile(), null))) {
      String error = failure(node, this::trustingTheTestCa);
      assertTrue(error.contains("does not name the host"), error);
      try (Cache<String> cache = Clients.strings(c -> trustingTheTestCa(c).tls(t -> t.verifyHostname(false)),
          node.address())) {
        assertTrue(cache.set("unchecked-name", "ok"));
      }
    }
  }

  @Test
  void anExpiredCertificateIsRefused() {
    try (Memcached node = Memcached.launch(tls(CERTS.expiredCertFile(), null))) {
      String error = failure(node, this::trustingTheTestCa);
      assertTrue(error.contains("validity period"), error);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Backend.Kind.class, names = {"MEMCACHED_TLS_AUTH", "SERVER_MINIMAL_TLS_AUTH"})
  void aPlaintextClientOnATlsPortIsToldTheNodeMayWantTls(Backend.Kind kind) {
    try (Backend node = kind.start()) {
      String error = failure(node.port(), c -> c);
      assertTrue(error.contains("before any reply (does it want TLS?)"), error);
    }
  }

  @Test
  void aTlsClientOnAPlaintextPortIsToldTheNodeDoesNotSpeakTls() {
    try (Memcached node = Memcached.launch()) {
      String error = failure(node, this::trustingTheTestCa);
      assertTrue(error.contains("does not speak TLS on this port"), error);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Backend.Kind.class, names = {"MEMCACHED_TLS_AUTH", "SERVER_MINIMAL_TLS_AUTH"})
  void aWrongPasswordFailsTheLoginAndIsNeverShown(Backend.Kind kind) throws IOException {
    try (SecuredNode node = (SecuredNode) kind.start(); LogCapture logs = new LogCapture(Level.DEBUG)) {
      Path wrong = Files.createTempFile("cacheman-wrong-password", ".txt");
      String wrongPassword = "wrong-" + node.password();
      Files.writeString(wrong, wrongPassword + "\n");
      String error = failure(node.port(), c -> node.clientSettings(c)
          .auth(AuthConfig.passwordFromFile(SecuredNode.USER, wrong)));
      assertTrue(error.contains("refused the credentials of user " + SecuredNode.USER), error);
      assertFalse(error.contains(wrongPassword) || error.contains(node.password()), error);
      assertFalse(logs.everything().contains(wrongPassword), logs.everything());
      assertTrue(logs.has(Level.WARN, "refused the credentials"), logs.everything());
      Files.delete(wrong);
    }
  }

  @Test
  void aWrongPasswordTakesTheNodeOutWithoutAReconnectStorm() throws Exception {
    try (SecuredNode node = SecuredNode.memcached();
        Cache<String> good = Clients.strings(node::clientSettings, node.address())) {
      Path wrong = Files.createTempFile("cacheman-wrong-password", ".txt");
      Files.writeString(wrong, "not-" + node.password() + "\n");
      long before = totalConnections(good);
      try (Cache<String> bad = Clients.strings(c -> node.clientSettings(c)
          .auth(AuthConfig.passwordFromFile(SecuredNode.USER, wrong)), node.address())) {
        assertThrows(CachemanException.class, () -> bad.get("k"));
        Thread.sleep(2000); // reconnects back off (20 ms doubling to 200 ms here), probes every 300 ms
        assertNotEquals(io.cacheman.NodeState.UP, bad.admin().nodes().get(0).state()); // out, or being probed
      }
      long opened = totalConnections(good) - before;
      // Two connection slots backing off for 2 s, plus probes: a few dozen at most, where a storm makes thousands.
      assertTrue(opened < 60, opened + " connections in 2 s");
      System.out.println("[tls] wrong password: " + opened + " connections in 2 s");
      Files.delete(wrong);
    }
  }

  private static long totalConnections(Cache<String> cache) {
    return Long.parseLong(cache.admin().serverStats().values().iterator().next().get("total_connections"));
  }

  @ParameterizedTest
  @EnumSource(value = Backend.Kind.class, names = {"MEMCACHED_TLS_AUTH", "SERVER_MINIMAL_TLS_AUTH"})
  void theRightPasswordWorksAndIsNeverShown(Backend.Kind kind) {
    try (SecuredNode node = (SecuredNode) kind.start(); LogCapture logs = new LogCapture(Level.DEBUG);
        Cache<String> cache = Clients.strings(node::clientSettings, node.address())) {
      assertTrue(cache.set("logged-in", "yes"));
      assertEquals("yes", cache.get("logged-in"));
      String shown = cache.admin().config().toString() + cache.admin().stats() + logs.everything();
      assertFalse(shown.contains(node.password()), shown);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Backend.Kind.class, names = {"MEMCACHED_TLS_AUTH", "SERVER_MINIMAL_TLS_AUTH"})
  void noCredentialsForANodeThatWantsThemIsAClearError(Backend.Kind kind) {
    try (Backend node = kind.start()) {
      String error = failure(node.port(), c -> trustingTheTestCa(c));
      assertTrue(error.contains("authentication"), error);
    }
  }

  @Test
  void aTrustStoreWorksAsWellAsACaFile() {
    try (Memcached node = Memcached.launch(tls(CERTS.serverCertFile(), null));
        Cache<String> cache = Clients.strings(c -> c.tls(t -> t.enabled(true).trustStore(CERTS.trustStore())
            .trustStorePassword(TestCertificates.STORE_PASSWORD)), node.address())) {
      assertTrue(cache.set("trusted", "by the store"));
      assertEquals("by the store", cache.get("trusted"));
    }
  }

  @Test
  void aPasswordFromAnEnvironmentVariableLogsIn() throws Exception {
    try (SecuredNode node = SecuredNode.serverMinimal()) {
      ProcessBuilder child = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
          .toString(), "-cp", System.getProperty("java.class.path"), EnvLoginChild.class.getName(),
          Integer.toString(node.port()), CERTS.caFile().toString(), "CACHEMAN_TEST_PASSWORD").redirectErrorStream(true);
      child.environment().put("CACHEMAN_TEST_PASSWORD", node.password());
      Process process = child.start();
      String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
      assertTrue(output.contains("RESULT ok logged in"), output);
      assertFalse(output.contains(node.password()), output);
    }
  }

  @Test
  void aNodeThatNeverFinishesTheHandshakeFailsWithinTheConnectTimeout() throws Exception {
    try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> { // accepts, reads the client hello, never answers
        List<java.net.Socket> held = new java.util.ArrayList<>();
        try {
          while (true) {
            held.add(silent.accept());
          }
        } catch (IOException closed) {
          held.forEach(s -> {
            try {
              s.close();
            } catch (IOException ignored) {
              // closing a test socket
            }
          });
        }
      });
      acceptor.start();
      // No retry: a retry would wait on a second silent handshake and end as a plain timeout.
      String error = failure(silent.getLocalPort(), c -> trustingTheTestCa(c).retryAttempts(0));
      assertTrue(error.contains("the TLS handshake did not finish within the connect timeout"), error);
    }
  }

  /** The error of a first call to the node, which must come by the call's deadline. */
  private static String failure(Memcached node, UnaryOperator<CachemanConfig.Builder> settings) {
    return failure(node.port(), settings);
  }

  private static String failure(int port, UnaryOperator<CachemanConfig.Builder> settings) {
    try (Cache<String> cache = Clients.strings(c -> settings.apply(c).operationTimeout(TIMEOUT)
        .connectTimeout(TIMEOUT), io.cacheman.config.NodeAddress.of("127.0.0.1", port))) {
      long start = System.nanoTime();
      CachemanException e = assertThrows(CachemanException.class, () -> cache.get("k"));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      // A fresh client waits for its first connection (connect timeout), then the call's own deadline.
      assertTrue(took.compareTo(TIMEOUT.multipliedBy(2).plusMillis(500)) < 0, "took " + took);
      assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
      System.out.println("[tls] after " + took.toMillis() + " ms: " + e.getMessage());
      return e.getMessage();
    }
  }

  private CachemanConfig.Builder trustingTheTestCa(CachemanConfig.Builder config) {
    return config.tls(t -> t.enabled(true).caFile(CERTS.caFile()));
  }

  private static String[] tls(Path cert, String extra) {
    return tls(cert, extra, CERTS.serverKeyFile());
  }

  private static String[] tls(Path cert, String extra, Path key) {
    String options = "ssl_chain_cert=" + cert.toAbsolutePath() + ",ssl_key=" + key.toAbsolutePath()
        + (extra == null ? "" : "," + extra);
    return new String[] {"-Z", "-o", options};
  }
}
