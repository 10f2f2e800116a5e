package io.cacheman.internal.security;

import io.cacheman.config.AuthConfig;
import io.cacheman.config.CachemanConfig;
import io.cacheman.config.ConfigException;
import io.cacheman.config.TlsConfig;
import io.cacheman.config.internal.InvalidValueException;
import io.cacheman.config.internal.KeyCatalog;
import io.cacheman.config.internal.PemFiles;
import io.cacheman.internal.connection.Security;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/** The {@link Security} of a client's connections, from its settings; read once, at open. */
public final class SecuritySettings {
  private static final List<String> SAFE_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
  /** In-memory key store password: the key never leaves the process, so any value does. */
  private static final char[] IN_MEMORY = "cacheman".toCharArray();

  private SecuritySettings() {}

  /**
   * @throws ConfigException when a trust store or key file cannot be used (named, with the reason)
   */
  public static Security of(CachemanConfig config) {
    TlsConfig tls = config.tls();
    Security.TlsEngines engines = tls.enabled() ? engines(tls) : null;
    Security.Credentials credentials = config.auth().map(PasswordSource::new).orElse(null);
    return engines == null && credentials == null ? Security.NONE : new Security(engines, credentials);
  }

  private static Security.TlsEngines engines(TlsConfig tls) {
    SSLContext context = context(tls);
    String[] protocols = protocols(context, tls);
    String[] ciphers = tls.ciphers().isEmpty() ? null : tls.ciphers().toArray(String[]::new);
    boolean verifyHostname = tls.verifyHostname();
    return (host, port) -> {
      SSLEngine engine = context.createSSLEngine(host, port);
      engine.setUseClientMode(true);
      SSLParameters parameters = engine.getSSLParameters();
      if (verifyHostname) {
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // RFC 2818 name and IP checks
      }
      parameters.setProtocols(protocols);
      if (ciphers != null) {
        parameters.setCipherSuites(ciphers);
      }
      engine.setSSLParameters(parameters);
      return engine;
    };
  }

  private static SSLContext context(TlsConfig tls) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers(tls), trustManagers(tls), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new ConfigException(ConfigException.BUILDER_SOURCE, 0, KeyCatalog.TLS_ENABLED, "true",
          "cannot start TLS: " + e.getMessage(), e);
    }
  }

  private static javax.net.ssl.TrustManager[] trustManagers(TlsConfig tls) throws GeneralSecurityException {
    KeyStore trusted;
    if (tls.caFile().isPresent()) {
      trusted = emptyStore();
      List<X509Certificate> cas = read(KeyCatalog.TLS_CA_FILE, tls.caFile().get(), PemFiles::certificates);
      for (int i = 0; i < cas.size(); i++) {
        trusted.setCertificateEntry("ca-" + i, cas.get(i));
      }
    } else if (tls.trustStore().isPresent()) {
      trusted = loadTrustStore(tls.trustStore().get(), tls.trustStorePassword().orElse(null));
    } else {
      return null; // the JDK's default trust
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trusted);
    return factory.getTrustManagers();
  }

  private static javax.net.ssl.KeyManager[] keyManagers(TlsConfig tls) throws GeneralSecurityException {
    if (tls.certFile().isEmpty()) {
      return null;
    }
    List<X509Certificate> chain = read(KeyCatalog.TLS_CERT_FILE, tls.certFile().get(), PemFiles::certificates);
    var key = read(KeyCatalog.TLS_KEY_FILE, tls.keyFile().orElseThrow(), PemFiles::privateKey);
    KeyStore store = emptyStore();
    store.setKeyEntry("client", key, IN_MEMORY, chain.toArray(X509Certificate[]::new));
    KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, IN_MEMORY);
    return factory.getKeyManagers();
  }

  private static KeyStore loadTrustStore(Path file, String password) {
    try {
      return KeyStore.getInstance(file.toFile(), password == null ? null : password.toCharArray());
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        throw invalid(KeyCatalog.TLS_TRUST_STORE_PASSWORD, "(not shown)", "does not open the trust store " + file);
      }
      throw invalid(KeyCatalog.TLS_TRUST_STORE, file.toString(), "cannot be read: " + e.getMessage());
    } catch (GeneralSecurityException e) {
      throw invalid(KeyCatalog.TLS_TRUST_STORE, file.toString(), "is not a PKCS#12 or JKS trust store");
    }
  }

  private static String[] protocols(SSLContext context, TlsConfig tls) {
    List<String> wanted = tls.protocols().isEmpty() ? SAFE_PROTOCOLS : tls.protocols();
    List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getProtocols());
    String[] offered = wanted.stream().filter(supported::contains).toArray(String[]::new);
    if (offered.length == 0) {
      throw invalid(KeyCatalog.TLS_PROTOCOLS, String.join(",", wanted), "names no version this JDK supports");
    }
    return offered;
  }

  private static KeyStore emptyStore() throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new IllegalStateException("an empty key store cannot fail to load", e);
    }
    return store;
  }

  private static <T> T read(String key, Path file, java.util.function.Function<Path, T> parse) {
    try {
      return parse.apply(file);
    } catch (InvalidValueException e) {
      throw invalid(key, file.toString(), e.getMessage());
    }
  }

  private static ConfigException invalid(String key, String value, String reason) {
    return new ConfigException(ConfigException.BUILDER_SOURCE, 0, key, value, reason);
  }

  /** The user of {@code cacheman.auth.*}; the password is read at each connect and not kept. */
  private record PasswordSource(AuthConfig auth) implements Security.Credentials {
    @Override
    public String username() {
      return auth.username();
    }

    @Override
    public char[] password() throws IOException {
      if (auth.passwordEnv().isPresent()) {
        String value = System.getenv(auth.passwordEnv().get());
        if (value == null) {
          throw new IOException("the environment variable " + auth.passwordEnv().get() + " ("
              + KeyCatalog.AUTH_PASSWORD_ENV + ") is not set");
        }
        return value.toCharArray();
      }
      Path file = auth.passwordFile().orElseThrow();
      try {
        String text = Files.readString(file);
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        return (line.endsWith("\r") ? line.substring(0, line.length() - 1) : line).toCharArray();
      } catch (IOException e) {
        throw new IOException("cannot read the password file " + file + " (" + KeyCatalog.AUTH_PASSWORD_FILE
            + "): " + e.getMessage(), e);
      }
    }

    @Override
    public String toString() {
      return auth.toString();
    }
  }
}
