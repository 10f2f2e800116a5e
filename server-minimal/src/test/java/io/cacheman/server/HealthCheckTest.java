package io.cacheman.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cacheman-server --health} through the real command line entry. */
class HealthCheckTest {
  @Test
  void aRunningNodeIsHealthy() throws Exception {
    ServerConfig config = ServerConfig.builder().port(0).threads(1).memoryLimitBytes(8L << 20)
        .build();
    try (CachemanServer server = CachemanServer.start(config)) {
      String[] outcome = health("--health", "-p", Integer.toString(server.port()));
      assertEquals("0", outcome[0], outcome[1]);
      assertTrue(outcome[1].startsWith("ok 127.0.0.1:" + server.port() + " VERSION 1.6.18-"
          + "cacheman-" + CachemanServer.version() + " ("), outcome[1]);
      assertEquals(1, outcome[1].lines().count());
    }
  }

  @Test
  void aClosedPortIsUnhealthy() throws Exception {
    int port = RealMemcached.freePort();
    String[] outcome = health("--health", "--port", Integer.toString(port), "-l", "127.0.0.1");
    assertEquals("1", outcome[0], outcome[1]);
    assertEquals("unhealthy 127.0.0.1:" + port + ": connection refused", outcome[1].trim());
  }

  @Test
  void aNodeThatDoesNotAnswerInTimeIsUnhealthy() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        try (Socket ignored = silent.accept()) {
          ignored.getInputStream().read(); // hold the connection open, never answer
          ignored.getInputStream().readAllBytes();
        } catch (java.io.IOException e) {
          // the test closed the listening socket: nothing left to hold
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      String[] outcome = health("--health", "-p", Integer.toString(silent.getLocalPort()),
          "--health-timeout", "0.3");
      assertEquals("1", outcome[0], outcome[1]);
      assertEquals("unhealthy 127.0.0.1:" + silent.getLocalPort()
          + ": no answer within 300 ms", outcome[1].trim());
    }
  }

  /**
   * With the node's own TLS and auth settings, the check trusts the node's chain, presents the
   * node's certificate to a node requiring client certificates, and logs in as the file's first
   * user; a wrong password is unhealthy, and says so without the password.
   */
  @Test
  void aTlsAndAuthNodeIsCheckedWithTheNodesOwnSettings(@TempDir Path dir) throws Exception {
    var certs = TlsClients.certs();
    Path users = dir.resolve("users");
    Files.writeString(users, "ops:right-one\n");
    TlsSettings tls = TlsClients.serverSettings().withClientCertificates(certs.caFile(),
        TlsSettings.VERIFY_REQUIRE);
    ServerConfig config = ServerConfig.builder().port(0).threads(1).memoryLimitBytes(8L << 20)
        .tls(tls).authFile(users).build();
    try (CachemanServer server = CachemanServer.start(config)) {
      String port = Integer.toString(server.port());
      String o = "ssl_chain_cert=" + certs.serverCertFile() + ",ssl_key=" + certs.serverKeyFile()
          + ",ssl_ca_cert=" + certs.caFile() + ",ssl_verify_mode=2";
      String[] outcome = health("--health", "-p", port, "-Z", "-o", o, "-Y", users.toString());
      assertEquals("0", outcome[0], outcome[1]);
      assertTrue(outcome[1].startsWith("ok 127.0.0.1:" + port + " VERSION "), outcome[1]);
      Path wrong = dir.resolve("wrong");
      Files.writeString(wrong, "ops:wrong-one\n");
      outcome = health("--health", "-p", port, "-Z", "-o", o, "-Y", wrong.toString());
      assertEquals("1", outcome[0], outcome[1]);
      assertEquals("unhealthy 127.0.0.1:" + port + ": authentication as ops refused: "
          + "'CLIENT_ERROR authentication failure'", outcome[1].trim());
      outcome = health("--health", "-p", port);
      assertEquals("1", outcome[0], outcome[1]); // plaintext to the TLS port
    }
  }

  /** Runs the command line; returns the exit status and what it printed. */
  private static String[] health(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = ServerMain.execute(args, new PrintWriter(out), new PrintWriter(err));
    assertEquals("", err.toString());
    return new String[] {Integer.toString(status), out.toString()};
  }
}
