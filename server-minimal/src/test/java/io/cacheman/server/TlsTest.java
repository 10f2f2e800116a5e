package io.cacheman.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** server-minimal with TLS ({@code -Z}) over real sockets, with the JDK's own TLS client. */
class TlsTest extends NodeFixture {
  private static final int TIMEOUT = 10_000;

  private CachemanServer startTls(TlsSettings tls) {
    return start(ServerConfig.builder().memoryLimitBytes(64L << 20).tls(tls));
  }

  private TextClient tlsClient() throws Exception {
    return TextClient.overTls(server.port(), TlsClients.client(false), TIMEOUT);
  }

  @Test
  void setGetAndMultiGetOverTls() throws Exception {
    startTls(TlsClients.serverSettings());
    String big = "b".repeat(1000 * 1024); // many TLS records each way, read in pieces
    try (TextClient c = tlsClient()) {
      assertEquals("STORED\r\n", c.call("set k1 0 0 2\r\nv1\r\n"));
      assertEquals("STORED\r\n", c.call("set k2 5 0 2\r\nv2\r\n"));
      assertEquals("VALUE k1 0 2\r\nv1\r\nVALUE k2 5 2\r\nv2\r\nEND\r\n",
          c.send("get k1 nokey k2\r\n").until("END\r\n"));
      assertEquals("STORED\r\n", c.call("set big 0 0 " + big.length() + "\r\n" + big + "\r\n"));
      assertEquals("VALUE big 0 " + big.length() + "\r\n", c.call("get big\r\n"));
      assertEquals(big + "\r\nEND\r\n", c.exactly(big.length() + 7));
    }
    assertStillServing();
  }

  /** A TLS client that stops reading holds back only its own replies; others are served. */
  @Test
  void aClientThatStopsReadingIsHeldBackAndLosesNothing() throws Exception {
    startTls(TlsClients.serverSettings());
    int size = 100 * 1024;
    int gets = 300; // 30 MB of replies: far beyond the socket buffers and the backlog limit
    try (TextClient slow = tlsClient(); TextClient other = tlsClient()) {
      assertEquals("STORED\r\n", slow.call("set big 0 0 " + size + "\r\n" + "x".repeat(size)
          + "\r\n"));
      OutputStream out = slow.output();
      Thread writer = new Thread(() -> {
        try {
          out.write("get big\r\n".repeat(gets).getBytes());
          out.flush();
        } catch (IOException e) {
          // the test fails below on what it reads
        }
      });
      writer.start();
      Thread.sleep(500); // the node fills the socket and stops parsing this client
      for (int i = 0; i < 20; i++) {
        assertEquals("STORED\r\n", other.call("set o" + i + " 0 0 1\r\nx\r\n"));
      }
      for (int i = 0; i < gets; i++) {
        assertEquals("VALUE big 0 " + size + "\r\n", slow.line());
        slow.exactly(size + 2);
        assertEquals("END\r\n", slow.line());
      }
      writer.join(TIMEOUT);
    }
    assertStillServing();
  }

  @Test
  void mutualTlsNeedsAClientCertificateSignedByTheCa() throws Exception {
    startTls(TlsClients.serverSettings().withClientCertificates(TlsClients.certs().caFile(),
        TlsSettings.VERIFY_REQUIRE));
    try (TextClient c = TextClient.overTls(server.port(), TlsClients.client(true), TIMEOUT)) {
      assertEquals("STORED\r\n", c.call("set k 0 0 1\r\nv\r\n"));
    }
    // TLS 1.3 reports a refused client certificate at the first read, not in startHandshake
    assertThrows(IOException.class, () -> {
      try (TextClient c = tlsClient()) {
        c.call("version\r\n");
      }
    });
    try (TextClient c = TextClient.overTls(server.port(), TlsClients.client(true), TIMEOUT)) {
      assertEquals(1, c.stat("ssl_handshake_errors"));
    }
  }

  @Test
  void aPlaintextClientOnTheTlsPortIsClosedAndCounted() throws Exception {
    startTls(TlsClients.serverSettings());
    try (TextClient plain = new TextClient(server.port(), TIMEOUT)) {
      byte[] answer = plain.send("version\r\n").readToEnd();
      assertTrue(!new String(answer).contains("VERSION"), "no plaintext answer");
    }
    try (TextClient c = tlsClient()) {
      assertEquals(1, c.stat("ssl_handshake_errors"));
      assertTrue(c.call("version\r\n").startsWith("VERSION "));
    }
  }

  @Test
  void aTlsClientOnAPlaintextPortFailsWithoutHarmingTheNode() throws Exception {
    start();
    assertThrows(IOException.class,
        () -> TextClient.overTls(server.port(), TlsClients.client(false), 3000).close());
    assertStillServing();
  }

  @Test
  void refreshCertsReloadsTheFilesAndKeepsTheOldOnesWhenTheNewAreBad(@TempDir Path dir)
      throws Exception {
    Path cert = dir.resolve("server.pem");
    Files.copy(TlsClients.certs().serverCertFile(), cert);
    startTls(TlsSettings.of(cert, TlsClients.certs().serverKeyFile()));
    try (TextClient c = tlsClient()) {
      assertEquals("OK\r\n", c.call("refresh_certs\r\n"));
      assertEquals("VERSION", c.send("refresh_certs noreply\r\nversion\r\n").line()
          .substring(0, 7));
      Files.writeString(cert, "garbage");
      String error = c.call("refresh_certs\r\n");
      assertTrue(error.startsWith("Error loading the certificate chain: " + cert + " : "), error);
      assertTrue(error.endsWith("\r\n") && error.indexOf('\n') == error.length() - 1, error);
    }
    try (TextClient c = tlsClient()) { // the certificate loaded before is still served
      assertTrue(c.call("version\r\n").startsWith("VERSION "));
      Files.copy(TlsClients.certs().wrongHostCertFile(), cert,
          StandardCopyOption.REPLACE_EXISTING);
      assertEquals("OK\r\n", c.call("refresh_certs\r\n"));
    }
    try (SSLSocket s = (SSLSocket) TlsClients.client(false).createSocket("127.0.0.1",
        server.port())) {
      s.startHandshake();
      X509Certificate served = (X509Certificate) s.getSession().getPeerCertificates()[0];
      assertTrue(served.getSubjectAlternativeNames().toString().contains("wrong.invalid"));
    }
  }

  @Test
  void refreshCertsOnAPlaintextNodeSaysTlsIsNotEnabled() throws Exception {
    start();
    try (TextClient c = client()) {
      assertEquals("Error TLS not enabled\r\n", c.call("refresh_certs noreply\r\n"));
    }
  }

  /** A few of RELIABILITY §A through TLS: the same replies, the node unharmed. */
  @Test
  void hostileInputsOverTlsGetThePlaintextAnswers() throws Exception {
    startTls(TlsClients.serverSettings());
    SSLSocketFactory factory = TlsClients.client(false);
    try (TextClient c = TextClient.overTls(server.port(), factory, TIMEOUT)) {
      assertEquals("ERROR\r\n", c.call("boguscommand x\r\n"));
      assertEquals("CLIENT_ERROR bad command line format\r\n",
          c.call("get " + "k".repeat(251) + "\r\n"));
      assertEquals("CLIENT_ERROR bad data chunk\r\n", c.call("set foo 0 0 3\r\nabcdef\r\n"));
      assertEquals("ERROR\r\n", c.line());
      StringBuilder pipeline = new StringBuilder();
      for (int i = 0; i < 2000; i++) {
        pipeline.append("set p").append(i).append(" 0 0 1\r\n").append(i % 10).append("\r\n")
            .append("get p").append(i).append("\r\n");
      }
      c.send(pipeline.toString());
      for (int i = 0; i < 2000; i++) {
        assertEquals("STORED\r\n", c.line());
        assertEquals("VALUE p" + i + " 0 1\r\n" + (i % 10) + "\r\nEND\r\n",
            c.line() + c.line() + c.line());
      }
    }
    try (TextClient c = TextClient.overTls(server.port(), factory, TIMEOUT)) {
      c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
      assertTrue(c.isClosedByServer());
    }
    assertStillServing();
  }
}
