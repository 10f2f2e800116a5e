package io.cacheman.server.internal.security;

import io.cacheman.server.TlsSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's TLS identity, built from {@link TlsSettings}' files and swapped whole on {@link
 * #reload} ({@code refresh_certs}, SIGHUP): connections already open keep the context they
 * started with, new ones get the new certificate. A reload that fails leaves the old context in
 * place, as memcached's does. Thread-safe.
 */
public final class TlsContext {
  private static final Logger LOG = LoggerFactory.getLogger(TlsContext.class);
  private static final char[] IN_MEMORY = "in-memory".toCharArray();

  private final TlsSettings settings;
  private volatile SSLContext context;
  private volatile long loadedAtNanos;

  private TlsContext(TlsSettings settings, SSLContext context) {
    this.settings = settings;
    this.context = context;
    this.loadedAtNanos = System.nanoTime();
  }

  /**
   * Reads the files and builds the context.
   *
   * @throws IllegalArgumentException a sentence in memcached's words naming the file at fault
   */
  public static TlsContext load(TlsSettings settings) {
    return new TlsContext(settings, build(settings));
  }

  public TlsSettings settings() {
    return settings;
  }

  /** A server-side engine for one new connection. */
  public SSLEngine newEngine() {
    SSLEngine engine = context.createSSLEngine();
    engine.setUseClientMode(false);
    String[] supported = engine.getSupportedProtocols();
    engine.setEnabledProtocols(Arrays.stream(settings.protocols())
        .filter(p -> Arrays.asList(supported).contains(p)).toArray(String[]::new));
    int mode = settings.verifyMode();
    if (mode == TlsSettings.VERIFY_REQUEST) {
      engine.setWantClientAuth(true);
    } else if (mode >= TlsSettings.VERIFY_REQUIRE) {
      engine.setNeedClientAuth(true);
    }
    return engine;
  }

  /**
   * Reads the files again; on success new connections use them. Returns null on success, or
   * memcached's error line (without its line end) describing what failed.
   */
  public String reload() {
    try {
      context = build(settings);
      loadedAtNanos = System.nanoTime();
      LOG.info("TLS certificates reloaded from {}; new connections use them",
          settings.chainCert());
      return null;
    } catch (IllegalArgumentException e) {
      LOG.warn("TLS certificates not reloaded, the ones loaded before stay in use: {}",
          e.getMessage());
      return e.getMessage();
    }
  }

  /** Seconds since the certificates were last loaded ({@code time_since_server_cert_refresh}). */
  public long secondsSinceLoad() {
    return (System.nanoTime() - loadedAtNanos) / 1_000_000_000L;
  }

  private static SSLContext build(TlsSettings s) {
    List<X509Certificate> chain;
    try {
      chain = PemFiles.certificates(s.chainCert());
    } catch (IllegalArgumentException e) {
      throw failure("Error loading the certificate chain", s.chainCert(), e);
    }
    PrivateKey key;
    try {
      key = PemFiles.privateKey(s.key());
    } catch (IllegalArgumentException e) {
      throw failure("Error loading the key", s.key(), e);
    }
    if (!matches(key, chain.get(0))) {
      throw new IllegalArgumentException("Error validating the certificate: the key in "
          + s.key() + " does not belong to the first certificate in " + s.chainCert());
    }
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers(key, chain),
          s.caCert() == null ? null : trustManagers(trustStore(s.caCert())), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("Error creating the SSL context: " + e.getMessage());
    }
  }

  /** Key managers presenting {@code chain} with {@code key} (for a server or a client). */
  public static KeyManager[] keyManagers(PrivateKey key, List<X509Certificate> chain)
      throws GeneralSecurityException {
    try {
      KeyStore identity = KeyStore.getInstance("PKCS12");
      identity.load(null, null);
      identity.setKeyEntry("identity", key, IN_MEMORY, chain.toArray(X509Certificate[]::new));
      KeyManagerFactory keys = KeyManagerFactory.getInstance(
          KeyManagerFactory.getDefaultAlgorithm());
      keys.init(identity, IN_MEMORY);
      return keys.getKeyManagers();
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException(e.getMessage(), e); // an in-memory store: no I/O
    }
  }

  /** Trust managers accepting what the store's certificates sign. */
  public static TrustManager[] trustManagers(KeyStore trusted) throws GeneralSecurityException {
    TrustManagerFactory trust = TrustManagerFactory.getInstance(
        TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    return trust.getTrustManagers();
  }

  /** A key store holding every certificate of a PEM file as a trusted entry. */
  public static KeyStore trustStore(Path caFile) {
    try {
      List<X509Certificate> cas = PemFiles.certificates(caFile);
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      for (int i = 0; i < cas.size(); i++) {
        store.setCertificateEntry("ca-" + i, cas.get(i));
      }
      return store;
    } catch (IllegalArgumentException e) {
      throw failure("Error loading the CA certificate", caFile, e);
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalArgumentException("Error loading the CA certificate: " + caFile + " : "
          + e.getMessage());
    }
  }

  /** OpenSSL's {@code SSL_CTX_check_private_key}: sign with the key, verify with the cert. */
  private static boolean matches(PrivateKey key, X509Certificate cert) {
    String algorithm = switch (key.getAlgorithm()) {
      case "EC" -> "SHA256withECDSA";
      case "RSA" -> "SHA256withRSA";
      case "EdDSA", "Ed25519" -> "Ed25519";
      default -> null;
    };
    if (algorithm == null) {
      return true; // no way to check here: the handshake will tell
    }
    try {
      byte[] probe = "cacheman key check".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(cert.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** memcached's wording: {@code <what>: <file> : <reason>}. */
  private static IllegalArgumentException failure(String what, Path file,
      IllegalArgumentException cause) {
    String reason = cause.getMessage();
    String prefix = file.toString();
    if (reason.startsWith(prefix)) {
      reason = reason.substring(prefix.length()).strip();
    }
    return new IllegalArgumentException(what + ": " + file + " : " + reason);
  }
}
