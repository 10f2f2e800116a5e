package io.cacheman.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Throwaway certificates for TLS tests, made fresh in a directory by the JDK's own {@code keytool}
 * (no openssl needed, nothing checked in): a test CA, a server certificate for 127.0.0.1 and
 * localhost, a client certificate for mutual TLS, and the bad cases (a certificate from another CA,
 * one for another host name, one that has expired). Keys are EC P-256 and written as unencrypted
 * PKCS#8 PEM, which both memcached (OpenSSL) and server-minimal read.
 */
public final class TestCertificates {
  /** The password of the PKCS#12 files here; they live for one test run in a temporary folder. */
  public static final String STORE_PASSWORD = "throwaway";

  private static TestCertificates shared;

  private final Path dir;

  private TestCertificates(Path dir) {
    this.dir = dir;
  }

  /** One set per test JVM: keytool starts a JVM per step, so the set is made once and reused. */
  public static synchronized TestCertificates shared() {
    if (shared == null) {
      try {
        Path dir = Files.createTempDirectory("cacheman-test-certs");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteAll(dir)));
        shared = create(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  private static void deleteAll(Path dir) {
    try (var files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }

  /** Makes every file of the set in {@code dir}. */
  public static TestCertificates create(Path dir) {
    TestCertificates certs = new TestCertificates(dir);
    certs.makeAll();
    return certs;
  }

  public Path caFile() {
    return dir.resolve("ca.pem");
  }

  /** A PKCS#12 trust store holding the CA, password {@link #STORE_PASSWORD}. */
  public Path trustStore() {
    return dir.resolve("truststore.p12");
  }

  public Path serverCertFile() {
    return dir.resolve("server.pem");
  }

  public Path serverKeyFile() {
    return dir.resolve("server.key");
  }

  public Path clientCertFile() {
    return dir.resolve("client.pem");
  }

  public Path clientKeyFile() {
    return dir.resolve("client.key");
  }

  /** A server certificate signed by a CA nobody trusts; its key is {@link #otherKeyFile()}. */
  public Path untrustedCertFile() {
    return dir.resolve("untrusted.pem");
  }

  public Path otherKeyFile() {
    return dir.resolve("other.key");
  }

  /** Signed by the test CA, for the name wrong.invalid only; its key is {@link #serverKeyFile()}. */
  public Path wrongHostCertFile() {
    return dir.resolve("wronghost.pem");
  }

  /** Signed by the test CA for 127.0.0.1, valid yesterday only; key {@link #serverKeyFile()}. */
  public Path expiredCertFile() {
    return dir.resolve("expired.pem");
  }

  private void makeAll() {
    // keytool starts a JVM per step: the independent steps of each stage run side by side.
    inParallel(
        () -> keyPair("ca", "CN=Cacheman Test CA", "-ext", "bc:c"),
        () -> keyPair("otherca", "CN=Untrusted Test CA", "-ext", "bc:c"),
        () -> keyPair("server", "CN=localhost"),
        () -> keyPair("client", "CN=cacheman-test-client"),
        () -> keyPair("other", "CN=localhost"));
    inParallel(() -> request("server"), () -> request("client"), () -> request("other"));
    String localSan = "san=ip:127.0.0.1,dns:localhost";
    inParallel(
        () -> sign("ca", "server", serverCertFile(), "-ext", localSan, "-validity", "30"),
        () -> sign("ca", "server", wrongHostCertFile(), "-ext", "san=dns:wrong.invalid",
            "-validity", "30"),
        () -> sign("ca", "server", expiredCertFile(), "-ext", localSan, "-startdate", "-2d",
            "-validity", "1"),
        () -> sign("ca", "client", clientCertFile(), "-ext", "eku=clientAuth", "-validity", "30"),
        () -> sign("otherca", "other", untrustedCertFile(), "-ext", localSan, "-validity", "30"),
        () -> keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", store("ca").toString(),
            "-storepass", STORE_PASSWORD, "-file", caFile().toString()));
    writeKey("server", serverKeyFile());
    writeKey("client", clientKeyFile());
    writeKey("other", otherKeyFile());
    writeTrustStore();
  }

  private static void inParallel(Runnable... steps) {
    List<CompletableFuture<Void>> running = new ArrayList<>();
    for (Runnable step : steps) {
      running.add(CompletableFuture.runAsync(step, task -> new Thread(task).start()));
    }
    try {
      CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private Path store(String name) {
    return dir.resolve(name + ".p12");
  }

  private void keyPair(String name, String dname, String... extra) {
    List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", name, "-keyalg", "EC",
        "-groupname", "secp256r1", "-dname", dname, "-validity", "30", "-storetype", "PKCS12",
        "-keystore", store(name).toString(), "-storepass", STORE_PASSWORD));
    args.addAll(List.of(extra));
    keytool(args.toArray(String[]::new));
  }

  private void request(String subject) {
    keytool("-certreq", "-alias", subject, "-keystore", store(subject).toString(), "-storepass",
        STORE_PASSWORD, "-file", dir.resolve(subject + ".csr").toString());
  }

  private void sign(String issuer, String subject, Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", issuer,
        "-keystore", store(issuer).toString(), "-storepass", STORE_PASSWORD, "-infile",
        dir.resolve(subject + ".csr").toString(), "-outfile", out.toString()));
    args.addAll(List.of(extra));
    keytool(args.toArray(String[]::new));
  }

  private void writeKey(String name, Path out) {
    try (InputStream in = Files.newInputStream(store(name))) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, STORE_PASSWORD.toCharArray());
      Key key = store.getKey(name, STORE_PASSWORD.toCharArray());
      String pem = "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
          + "\n-----END PRIVATE KEY-----\n";
      Files.writeString(out, pem, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the key of " + store(name), e);
    }
  }

  private void writeTrustStore() {
    try (InputStream in = Files.newInputStream(caFile())) {
      Certificate ca = CertificateFactory.getInstance("X.509").generateCertificate(in);
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("cacheman-test-ca", ca);
      try (var outStream = Files.newOutputStream(trustStore())) {
        store.store(outStream, STORE_PASSWORD.toCharArray());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot write " + trustStore(), e);
    }
  }

  private void keytool(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: "
            + new String(output, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while making test certificates", e);
    }
  }
}
