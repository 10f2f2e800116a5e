package io.cacheman.testing;

import io.cacheman.config.AuthConfig;
import io.cacheman.config.CachemanConfig;
import io.cacheman.server.ServerConfig;
import io.cacheman.server.TlsSettings;
import io.cacheman.server.testing.TestCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A node that wants TLS and a login, and the client settings that satisfy it: the test CA, and a
 * user whose password is in a file. Made with {@link TestCertificates} (throwaway, made per run).
 */
public final class SecuredNode extends WrappedBackend {
  public static final String USER = "cacheman-test";
  /** One password for every secured node of a test JVM, so one client can log in to several. */
  private static Path sharedPassword;

  private final Path passwordFile;

  private SecuredNode(Backend node, Path passwordFile) {
    super(node);
    this.passwordFile = passwordFile;
  }

  /** memcached 1.6 with {@code -Z} (TLS, server certificate for 127.0.0.1) and {@code -Y} (ASCII auth). */
  public static SecuredNode memcached(String... extraArgs) {
    TestCertificates certs = TestCertificates.shared();
    Path password = sharedPassword();
    Path authFile = write("memcached-auth", USER + ":" + read(password) + "\n");
    String[] args = concat(new String[] {"-Z", "-o", "ssl_chain_cert=" + certs.serverCertFile().toAbsolutePath()
        + ",ssl_key=" + certs.serverKeyFile().toAbsolutePath(), "-Y", authFile.toAbsolutePath().toString()},
        extraArgs);
    return new SecuredNode(Memcached.launch(args), password);
  }

  /** server-minimal, in this JVM, with TLS (the same test certificates) and {@code -Y} authentication. */
  public static SecuredNode serverMinimal() {
    TestCertificates certs = TestCertificates.shared();
    Path password = sharedPassword();
    Path authFile = write("node-auth", USER + ":" + read(password) + "\n");
    ServerConfig.Builder config = ServerConfig.builder().threads(2)
        .tls(TlsSettings.of(certs.serverCertFile(), certs.serverKeyFile())).authFile(authFile);
    return new SecuredNode(MinimalServer.launch(config), password);
  }

  /** The client settings for this node: TLS trusting the test CA, and the user's login. */
  public CachemanConfig.Builder clientSettings(CachemanConfig.Builder config) {
    return config.tls(t -> t.enabled(true).caFile(TestCertificates.shared().caFile()))
        .auth(AuthConfig.passwordFromFile(USER, passwordFile));
  }

  /** The password, for tests that check it never shows. */
  public String password() {
    return read(passwordFile);
  }

  @Override
  public String name() {
    return node.name() + " (TLS + auth)";
  }

  private static synchronized Path sharedPassword() {
    if (sharedPassword == null) {
      // Random per run, and distinctive, so a test can search logs and messages for it.
      sharedPassword = write("password", "pw-" + Long.toHexString(Double.doubleToLongBits(Math.random())) + "\n");
    }
    return sharedPassword;
  }

  private static Path write(String name, String text) {
    try {
      Path file = Files.createTempFile("cacheman-" + name, ".txt");
      file.toFile().deleteOnExit();
      Files.writeString(file, text);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
