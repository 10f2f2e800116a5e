package io.cacheman.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code cacheman.tls.*} and {@code cacheman.auth.*} settings: read, checked, and never showing a secret. */
class SecurityConfigTest {
  private static final String FILE = "/etc/app/cacheman.properties";
  private static final String NODES = "cacheman.nodes = 10.0.0.1:16180\n";

  @TempDir
  Path dir;

  private static ConfigException failure(String text) {
    return assertThrows(ConfigException.class, () -> ConfigLoader.parse(text, FILE));
  }

  @Test
  void tlsIsOffByDefaultAndAuthAbsent() {
    CachemanConfig config = ConfigLoader.parse(NODES, FILE);
    assertFalse(config.tls().enabled());
    assertTrue(config.auth().isEmpty());
  }

  @Test
  void aPasswordWrittenIntoTheFileIsRefusedWithoutRepeatingIt() {
    ConfigException e = failure(NODES + "cacheman.auth.username = app\ncacheman.auth.password = hunter2\n");
    assertEquals(FILE + " line 3: cacheman.auth.password = \"(not shown)\" is refused: a password does not belong "
        + "in a settings file, which gets checked in and copied; name an environment variable with "
        + "cacheman.auth.password-env or a file readable only by the application with cacheman.auth.password-file",
        e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"));
    assertEquals(3, e.line());
  }

  @Test
  void aPasswordFileIsReadLaterAndOnlyItsPathIsShown() throws IOException {
    Path secret = Files.writeString(dir.resolve("pw"), "s3cret-value\n");
    CachemanConfig config = ConfigLoader.parse(NODES + "cacheman.auth.username = app\n"
        + "cacheman.auth.password-file = " + secret + "\n", FILE);
    AuthConfig auth = config.auth().orElseThrow();
    assertEquals("app", auth.username());
    assertEquals(secret, auth.passwordFile().orElseThrow());
    assertFalse(config.toString().contains("s3cret-value"));
    assertTrue(config.toString().contains("password from file " + secret), config.toString());
  }

  @Test
  void aMissingPasswordFileNamesTheLine() {
    ConfigException e = failure(NODES + "cacheman.auth.username = app\ncacheman.auth.password-file = "
        + dir.resolve("absent") + "\n");
    assertEquals(3, e.line());
    assertTrue(e.getMessage().contains("cannot be read: no such file, or no permission"), e.getMessage());
  }

  @Test
  void anUnsetPasswordVariableIsNamed() {
    ConfigException e = failure(NODES + "cacheman.auth.username = app\n"
        + "cacheman.auth.password-env = CACHEMAN_TEST_SURELY_UNSET_VARIABLE\n");
    assertEquals(FILE + " line 3: cacheman.auth.password-env = \"CACHEMAN_TEST_SURELY_UNSET_VARIABLE\" names an "
        + "environment variable that is not set", e.getMessage());
  }

  @Test
  void aUserWithoutAPasswordSourceIsAnError() {
    ConfigException e = failure(NODES + "cacheman.auth.username = app\n");
    assertTrue(e.getMessage().contains("has no password: set cacheman.auth.password-env"), e.getMessage());
    assertEquals(2, e.line());
  }

  @Test
  void aBrokenCaFileIsReportedAgainstItsLine() throws IOException {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");
    ConfigException e = failure(NODES + "cacheman.tls.enabled = true\ncacheman.tls.ca-file = " + ca + "\n");
    assertEquals(3, e.line());
    assertEquals("cacheman.tls.ca-file", e.key());
    assertTrue(e.getMessage().contains("certificate"), e.getMessage());
  }

  @Test
  void aKeyInAnotherFormatGetsTheCommandThatConvertsIt() throws IOException {
    Path cert = Files.writeString(dir.resolve("c.pem"), "x");
    Path key = Files.writeString(dir.resolve("k.pem"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
    CachemanConfig.Builder builder = CachemanConfig.builder().nodes(NodeAddress.of("h", 1))
        .tls(t -> t.enabled(true).keyFile(key).certFile(cert));
    ConfigException e = assertThrows(ConfigException.class, builder::build);
    assertEquals(CachemanConfig.class.getSimpleName() + ".Builder: cacheman.tls.key-file = \"" + key + "\" holds a RSA "
        + "PRIVATE KEY, which the JDK cannot read; convert it to an unencrypted PKCS#8 key with: openssl pkcs8 -topk8 "
        + "-nocrypt -in KEY -out KEY.pk8", e.getMessage());
  }

  @Test
  void trustComesFromOnePlaceAndAKeyNeedsItsCertificate() throws IOException {
    Path file = Files.writeString(dir.resolve("f"), "x");
    ConfigException both = failure(NODES + "cacheman.tls.enabled = true\ncacheman.tls.ca-file = " + file
        + "\ncacheman.tls.trust-store = " + file + "\n");
    assertTrue(both.getMessage().contains("trust one or the other"), both.getMessage());
    ConfigException keyOnly = failure(NODES + "cacheman.tls.enabled = true\ncacheman.tls.key-file = " + file + "\n");
    assertTrue(keyOnly.getMessage().contains("has no certificate"), keyOnly.getMessage());
  }

  @Test
  void onlyTls12AndUpMayBeOffered() {
    ConfigException e = failure(NODES + "cacheman.tls.enabled = true\ncacheman.tls.protocols = TLSv1.1\n");
    assertTrue(e.getMessage().contains("expected TLSv1.2 and/or TLSv1.3"), e.getMessage());
    assertEquals(3, e.line());
  }

  @Test
  void theTrustStorePasswordIsHiddenFromToString() {
    CachemanConfig config = CachemanConfig.builder().nodes(NodeAddress.of("h", 1))
        .tls(t -> t.enabled(true).trustStorePassword("store-secret")).build();
    assertFalse(config.toString().contains("store-secret"), config.toString());
  }
}
