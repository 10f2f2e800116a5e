package io.cacheman.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.server.internal.security.Credentials;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParameterException;

/** The TLS and auth flags: memcached's spellings, the config file's, and one sentence per error. */
class SecurityFlagsTest {
  private static final String CERT = TlsClients.certs().serverCertFile().toString();
  private static final String KEY = TlsClients.certs().serverKeyFile().toString();

  @TempDir
  Path dir;

  @Test
  void memcachedsSpellingSelectsTls() throws Exception {
    ServerConfig c = ServerMain.resolve("-Z", "-o", "ssl_chain_cert=" + CERT + ",ssl_key=" + KEY,
        "-o", "ssl_ca_cert=" + CERT + ",ssl_verify_mode=2,ssl_min_version=tlsv1.3");
    assertEquals(Path.of(CERT), c.tls().chainCert());
    assertEquals(Path.of(KEY), c.tls().key());
    assertEquals(2, c.tls().verifyMode());
    assertEquals(3, c.tls().minVersion());
    assertEquals(2, ServerMain.resolve("-Z", "-o", "ssl_chain_cert=" + CERT).tls().minVersion());
    assertNull(ServerMain.resolve().tls());
  }

  @Test
  void theConfigFileUsesTheLongNames() throws Exception {
    Path users = dir.resolve("users");
    Files.writeString(users, "a:b\n");
    Path file = dir.resolve("server.properties");
    Files.writeString(file, "enable-ssl = true\nssl-chain-cert = " + CERT + "\nssl-key = " + KEY
        + "\nssl-min-version = 3\nauth-file = " + users + "\n");
    ServerConfig c = ServerMain.resolve("--config", file.toString());
    assertEquals(3, c.tls().minVersion());
    assertEquals(users, c.authFile());
    // -o on the command line overrides the file
    assertEquals(2, ServerMain.resolve("--config", file.toString(), "-o", "ssl_min_version=2")
        .tls().minVersion());
  }

  @Test
  void badFlagsSayWhatIsWrongInOneSentence() {
    assertError("-Z/--enable-ssl needs the node's certificate and key", "-Z");
    assertError("-o ssl_foo is not an option of this node", "-Z", "-o", "ssl_foo=1");
    assertError("-o ssl_chain_cert: expected name=value", "-Z", "-o", "ssl_chain_cert");
    assertError("ssl_verify_mode must be 0 (none), 1 (request), 2 (require) or 3 (once), got "
        + "'x'", "-Z", "-o", "ssl_chain_cert=" + CERT + ",ssl_verify_mode=x");
    assertError("got 7", "-Z", "-o", "ssl_chain_cert=" + CERT + ",ssl_verify_mode=7");
    assertError("ssl_verify_mode=2 checks client certificates, so it needs ssl_ca_cert", "-Z",
        "-o", "ssl_chain_cert=" + CERT + ",ssl_verify_mode=2");
    assertError("ssl_min_version must be 0 (tlsv1.0), 1 (tlsv1.1), 2 (tlsv1.2) or 3 (tlsv1.3), "
        + "got '4'", "-Z", "-o", "ssl_chain_cert=" + CERT + ",ssl_min_version=4");
    assertError("ssl_chain_cert is set but TLS is off: add -Z/--enable-ssl", "-o",
        "ssl_chain_cert=" + CERT);
  }

  @Test
  void unusableFilesStopTheNodeWithMemcachedsWords() throws Exception {
    Path missing = dir.resolve("missing.key");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CachemanServer.start(config(TlsSettings.of(Path.of(CERT), missing))));
    assertEquals("Error loading the key: " + missing + " : does not exist", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> CachemanServer.start(config(
        TlsSettings.of(Path.of(CERT), TlsClients.certs().clientKeyFile()))));
    assertTrue(e.getMessage().startsWith("Error validating the certificate: the key in "),
        e.getMessage());
    Path notPem = dir.resolve("not.pem");
    Files.writeString(notPem, "hello");
    e = assertThrows(IllegalArgumentException.class,
        () -> CachemanServer.start(config(TlsSettings.of(notPem, Path.of(KEY)))));
    assertTrue(e.getMessage().startsWith("Error loading the certificate chain: " + notPem),
        e.getMessage());
  }

  @Test
  void aBadAuthFileLineIsNamedByNumberNeverQuoted() throws Exception {
    Path users = dir.resolve("users");
    Files.writeString(users, "alice:fine\r\n\nnocolon-Secret42\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Credentials.load(users));
    assertEquals("-Y/--auth-file " + users + " line 3 is not of the form user:password",
        e.getMessage());
    assertFalse(e.getMessage().contains("Secret42"));
    Files.writeString(users, "alice:pass:with:colons\r\nbob:\n");
    Credentials c = Credentials.load(users);
    byte[] token = "alice pass:with:colons".getBytes();
    assertTrue(c.check(token, 0, 5, 6, token.length));
    assertFalse(c.check(token, 0, 5, 6, token.length - 1));
    assertFalse(c.toString().contains("pass"));
  }

  private static ServerConfig config(TlsSettings tls) {
    return ServerConfig.builder().port(0).threads(1).memoryLimitBytes(8L << 20).tls(tls).build();
  }

  private static void assertError(String expected, String... args) {
    ParameterException e = assertThrows(ParameterException.class, () -> ServerMain.resolve(args));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }
}
