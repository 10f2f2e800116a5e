package io.cacheman.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenSSL against the node: certificates made with the openssl commands docs/operating.md gives
 * operators (PKCS#8 EC keys, and the older SEC1 EC and PKCS#1 RSA key files openssl also writes),
 * and {@code openssl s_client} scripted through a set and a get. Fails, never skips, without
 * openssl.
 */
class OpensslInteropTest {
  private static final String OPENSSL = "/usr/bin/openssl";

  @TempDir
  Path dir;

  @Test
  void openSslMadeCertificatesServeAnOpenSslClient() throws Exception {
    makeCaAndNodeCertificate("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256");
    TlsSettings tls = TlsSettings.of(dir.resolve("node.pem"), dir.resolve("node.key"));
    try (CachemanServer server = CachemanServer.start(ServerConfig.builder().port(0).threads(1)
        .memoryLimitBytes(8L << 20).tls(tls).build())) {
      String out = sClient(server.port(), "set greeting 0 0 5\r\nhello\r\nget greeting\r\nquit\r\n");
      assertEquals("STORED\r\nVALUE greeting 0 5\r\nhello\r\nEND\r\n", out);
    }
  }

  @Test
  void olderKeyFormatsAreReadToo() throws Exception {
    makeCaAndNodeCertificate("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256");
    // SEC1 ("BEGIN EC PRIVATE KEY", with its parameters block) and PKCS#1 ("BEGIN RSA ...")
    run(OPENSSL, "ecparam", "-genkey", "-name", "prime256v1", "-out", path("sec1.key"));
    run(OPENSSL, "genrsa", "-traditional", "-out", path("rsa.key"), "2048");
    for (String key : new String[] {"sec1.key", "rsa.key"}) {
      assertTrue(Files.readString(dir.resolve(key)).contains(key.startsWith("rsa")
          ? "BEGIN RSA PRIVATE KEY" : "BEGIN EC PRIVATE KEY"));
      run(OPENSSL, "req", "-new", "-key", path(key), "-subj", "/CN=localhost", "-out",
          path(key + ".csr"));
      run(OPENSSL, "x509", "-req", "-in", path(key + ".csr"), "-CA", path("ca.pem"), "-CAkey",
          path("ca.key"), "-CAcreateserial", "-days", "2", "-extfile", path("san.ext"), "-out",
          path(key + ".pem"));
      TlsSettings tls = TlsSettings.of(dir.resolve(key + ".pem"), dir.resolve(key));
      try (CachemanServer server = CachemanServer.start(ServerConfig.builder().port(0)
          .threads(1).memoryLimitBytes(8L << 20).tls(tls).build())) {
        assertEquals("STORED\r\n", sClient(server.port(), "set k 0 0 1\r\nv\r\nquit\r\n"), key);
      }
    }
  }

  /** docs/operating.md: a CA, then a node key and certificate signed by it. */
  private void makeCaAndNodeCertificate(String... keyOptions) throws Exception {
    if (!new File(OPENSSL).canExecute()) {
      fail(OPENSSL + " is missing: apt-get install openssl (scripts/install-test-tools.sh does)");
    }
    run(OPENSSL, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
        "-nodes", "-keyout", path("ca.key"), "-out", path("ca.pem"), "-days", "2", "-subj",
        "/CN=Cacheman test CA");
    List<String> request = new ArrayList<>(List.of(OPENSSL, "req"));
    request.addAll(List.of(keyOptions));
    request.addAll(List.of("-nodes", "-keyout", path("node.key"), "-out", path("node.csr"),
        "-subj", "/CN=localhost"));
    run(request.toArray(String[]::new));
    Files.writeString(dir.resolve("san.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n"
        + "extendedKeyUsage=serverAuth,clientAuth\n");
    run(OPENSSL, "x509", "-req", "-in", path("node.csr"), "-CA", path("ca.pem"), "-CAkey",
        path("ca.key"), "-CAcreateserial", "-days", "2", "-extfile", path("san.ext"), "-out",
        path("node.pem"));
  }

  /** Runs s_client verifying the node against the CA; returns what the node sent. */
  private String sClient(int port, String input) throws Exception {
    Path in = dir.resolve("input");
    Files.writeString(in, input);
    Process p = new ProcessBuilder(OPENSSL, "s_client", "-connect", "127.0.0.1:" + port,
        "-CAfile", path("ca.pem"), "-verify_return_error", "-verify_ip", "127.0.0.1", "-quiet",
        "-ign_eof").redirectInput(in.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    byte[] out = p.getInputStream().readAllBytes(); // until the node closes after quit
    assertTrue(p.waitFor(20, TimeUnit.SECONDS), "s_client ended");
    return new String(out, StandardCharsets.US_ASCII);
  }

  private String path(String name) {
    return dir.resolve(name).toString();
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      fail(String.join(" ", command) + " failed: " + new String(out, StandardCharsets.UTF_8));
    }
  }
}
