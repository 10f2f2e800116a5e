package io.cacheman.config;

import io.cacheman.config.internal.InvalidValueException;
import io.cacheman.config.internal.KeyCatalog;
import io.cacheman.config.internal.PemFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How the client speaks TLS to its nodes ({@code cacheman.tls.*}): off by default. On, the client
 * trusts the CA file or trust store given here (else the JDK's default trust), checks that each
 * node's certificate names the node's host (unless told not to), shows a certificate of its own
 * when a key pair is given (mutual TLS), and never goes below TLS 1.2.
 */
public final class TlsConfig {
  private static final TlsConfig DISABLED = new Builder().build();

  private final boolean enabled;
  private final Path caFile;
  private final Path trustStore;
  private final String trustStorePassword;
  private final Path certFile;
  private final Path keyFile;
  private final boolean verifyHostname;
  private final List<String> protocols;
  private final List<String> ciphers;

  private TlsConfig(Builder b) {
    this.enabled = b.enabled;
    this.caFile = b.caFile;
    this.trustStore = b.trustStore;
    this.trustStorePassword = b.trustStorePassword;
    this.certFile = b.certFile;
    this.keyFile = b.keyFile;
    this.verifyHostname = b.verifyHostname;
    this.protocols = List.copyOf(b.protocols);
    this.ciphers = List.copyOf(b.ciphers);
  }

  /** Plaintext connections: the default. */
  public static TlsConfig disabled() {
    return DISABLED;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** {@code cacheman.tls.enabled}: whether connections speak TLS. Default false. */
  public boolean enabled() {
    return enabled;
  }

  /** {@code cacheman.tls.ca-file}: PEM file of the CA certificates that sign the nodes' certificates. */
  public Optional<Path> caFile() {
    return Optional.ofNullable(caFile);
  }

  /** {@code cacheman.tls.trust-store}: a PKCS#12 or JKS trust store, instead of {@link #caFile()}. */
  public Optional<Path> trustStore() {
    return Optional.ofNullable(trustStore);
  }

  /**
   * {@code cacheman.tls.trust-store-password}: the trust store's integrity password, if it has one
   * (a trust store holds public certificates only; the password guards against their replacement).
   */
  public Optional<String> trustStorePassword() {
    return Optional.ofNullable(trustStorePassword);
  }

  /** {@code cacheman.tls.cert-file}: PEM certificate chain the client shows to nodes that ask (mutual TLS). */
  public Optional<Path> certFile() {
    return Optional.ofNullable(certFile);
  }

  /** {@code cacheman.tls.key-file}: the unencrypted PKCS#8 PEM private key of {@link #certFile()}. */
  public Optional<Path> keyFile() {
    return Optional.ofNullable(keyFile);
  }

  /** {@code cacheman.tls.verify-hostname}: whether a node's certificate must name its host or IP. Default true. */
  public boolean verifyHostname() {
    return verifyHostname;
  }

  /** {@code cacheman.tls.protocols}: the TLS versions offered; empty = the JDK's, from TLSv1.2 up. */
  public List<String> protocols() {
    return protocols;
  }

  /** {@code cacheman.tls.ciphers}: the cipher suites offered; empty = the JDK's defaults. */
  public List<String> ciphers() {
    return ciphers;
  }

  @Override
  public String toString() {
    if (!enabled) {
      return "TlsConfig{disabled}";
    }
    return "TlsConfig{caFile=" + caFile + ", trustStore=" + trustStore
        + (trustStorePassword == null ? "" : ", trustStorePassword=(hidden)") + ", certFile=" + certFile
        + ", keyFile=" + keyFile + ", verifyHostname=" + verifyHostname + ", protocols=" + protocols
        + ", ciphers=" + ciphers + "}";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TlsConfig t && enabled == t.enabled && Objects.equals(caFile, t.caFile)
        && Objects.equals(trustStore, t.trustStore) && Objects.equals(trustStorePassword, t.trustStorePassword)
        && Objects.equals(certFile, t.certFile) && Objects.equals(keyFile, t.keyFile)
        && verifyHostname == t.verifyHostname && protocols.equals(t.protocols) && ciphers.equals(t.ciphers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(enabled, caFile, trustStore, certFile, keyFile, verifyHostname, protocols, ciphers);
  }

  /** Collects TLS settings; {@link #build()} checks them together. Not thread-safe. */
  public static final class Builder {
    private boolean enabled;
    private Path caFile;
    private Path trustStore;
    private String trustStorePassword;
    private Path certFile;
    private Path keyFile;
    private boolean verifyHostname = true;
    private List<String> protocols = List.of();
    private List<String> ciphers = List.of();

    private Builder() {}

    private Builder(TlsConfig c) {
      enabled = c.enabled;
      caFile = c.caFile;
      trustStore = c.trustStore;
      trustStorePassword = c.trustStorePassword;
      certFile = c.certFile;
      keyFile = c.keyFile;
      verifyHostname = c.verifyHostname;
      protocols = c.protocols;
      ciphers = c.ciphers;
    }

    public Builder enabled(boolean on) {
      this.enabled = on;
      return this;
    }

    /** Sets {@link TlsConfig#caFile()}; {@code null} for none. */
    public Builder caFile(Path file) {
      this.caFile = file;
      return this;
    }

    /** Sets {@link TlsConfig#trustStore()}; {@code null} for none. */
    public Builder trustStore(Path file) {
      this.trustStore = file;
      return this;
    }

    /** Sets {@link TlsConfig#trustStorePassword()}; {@code null} for none. */
    public Builder trustStorePassword(String password) {
      this.trustStorePassword = password;
      return this;
    }

    /** Sets {@link TlsConfig#certFile()}; {@code null} for none. */
    public Builder certFile(Path file) {
      this.certFile = file;
      return this;
    }

    /** Sets {@link TlsConfig#keyFile()}; {@code null} for none. */
    public Builder keyFile(Path file) {
      this.keyFile = file;
      return this;
    }

    public Builder verifyHostname(boolean verify) {
      this.verifyHostname = verify;
      return this;
    }

    public Builder protocols(List<String> names) {
      this.protocols = List.copyOf(names);
      return this;
    }

    public Builder ciphers(List<String> names) {
      this.ciphers = List.copyOf(names);
      return this;
    }

    /**
     * Checks the settings together: one source of trust, a key with a certificate, files that can
     * be read, no version below TLS 1.2.
     *
     * @throws ConfigException naming the key at fault
     */
    public TlsConfig build() {
      if (enabled) {
        check(caFile == null || trustStore == null, KeyCatalog.TLS_TRUST_STORE, trustStore,
            "is set together with " + KeyCatalog.TLS_CA_FILE + "; trust one or the other");
        check(certFile != null || keyFile == null, KeyCatalog.TLS_KEY_FILE, keyFile,
            "has no certificate: set " + KeyCatalog.TLS_CERT_FILE + " too");
        check(keyFile != null || certFile == null, KeyCatalog.TLS_CERT_FILE, certFile,
            "has no private key: set " + KeyCatalog.TLS_KEY_FILE + " too");
        readable(trustStore, KeyCatalog.TLS_TRUST_STORE);
        // Read the PEM files now: a broken one is then reported against its line of the settings file.
        readable(caFile, KeyCatalog.TLS_CA_FILE, PemFiles::certificates);
        readable(keyFile, KeyCatalog.TLS_KEY_FILE, PemFiles::privateKey);
        readable(certFile, KeyCatalog.TLS_CERT_FILE, PemFiles::certificates);
        for (String protocol : protocols) {
          check(protocol.equals("TLSv1.2") || protocol.equals("TLSv1.3"), KeyCatalog.TLS_PROTOCOLS,
              String.join(",", protocols), "expected TLSv1.2 and/or TLSv1.3 (older versions are broken)");
        }
      }
      return new TlsConfig(this);
    }

    private static void readable(Path file, String key) {
      check(file == null || Files.isReadable(file), key, file, "cannot be read: no such file, or no permission");
    }

    private static void readable(Path file, String key, Consumer<Path> parse) {
      readable(file, key);
      if (file != null) {
        try {
          parse.accept(file);
        } catch (InvalidValueException e) {
          check(false, key, file, e.getMessage());
        }
      }
    }

    private static void check(boolean ok, String key, Object value, String reason) {
      if (!ok) {
        throw new ConfigException(ConfigException.BUILDER_SOURCE, 0, key, String.valueOf(value), reason);
      }
    }
  }
}
