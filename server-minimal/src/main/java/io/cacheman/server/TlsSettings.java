package io.cacheman.server;

import java.nio.file.Path;
import java.util.Objects;

/**
 * TLS of a node, named as memcached's {@code -Z -o ssl_*} options name it. Immutable; the files
 * are read when the node starts and again on {@code refresh_certs} or SIGHUP.
 *
 * <pre>{@code
 * TlsSettings tls = TlsSettings.of(Path.of("server.pem"), Path.of("server.key"))
 *     .withClientCertificates(Path.of("ca.pem"), TlsSettings.VERIFY_REQUIRE);
 * assertEquals(2, tls.verifyMode());
 * }</pre>
 *
 * @param chainCert {@code ssl_chain_cert}: the node's certificate, then its intermediates (PEM)
 * @param key {@code ssl_key}: the node's private key, unencrypted PEM (PKCS#8, or PKCS#1/SEC1)
 * @param caCert {@code ssl_ca_cert}: CA certificates that sign client certificates, or null
 * @param verifyMode {@code ssl_verify_mode}: {@link #VERIFY_NONE}, {@link #VERIFY_REQUEST},
 *     {@link #VERIFY_REQUIRE} or {@link #VERIFY_ONCE}
 * @param minVersion {@code ssl_min_version}: 0 (TLS 1.0), 1 (1.1), 2 (1.2, the default) or 3 (1.3)
 */
public record TlsSettings(Path chainCert, Path key, Path caCert, int verifyMode, int minVersion) {
  /** Client certificates are neither asked for nor checked. memcached's default. */
  public static final int VERIFY_NONE = 0;
  /** A client certificate is asked for and, if one is sent, must be signed by the CA. */
  public static final int VERIFY_REQUEST = 1;
  /** Every client must present a certificate signed by the CA. */
  public static final int VERIFY_REQUIRE = 2;
  /** As {@link #VERIFY_REQUIRE}; OpenSSL's "once" (no re-check on renegotiation) is moot here. */
  public static final int VERIFY_ONCE = 3;
  /** TLS 1.2, memcached's default minimum. */
  public static final int DEFAULT_MIN_VERSION = 2;

  private static final String[] VERSIONS = {"TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"};

  /**
   * @throws IllegalArgumentException naming the option and the value when one is out of range
   */
  public TlsSettings {
    Objects.requireNonNull(chainCert, "chainCert");
    Objects.requireNonNull(key, "key");
    if (verifyMode < VERIFY_NONE || verifyMode > VERIFY_ONCE) {
      throw new IllegalArgumentException("ssl_verify_mode must be 0 (none), 1 (request), "
          + "2 (require) or 3 (once), got " + verifyMode);
    }
    if (minVersion < 0 || minVersion >= VERSIONS.length) {
      throw new IllegalArgumentException("ssl_min_version must be 0 (tlsv1.0), 1 (tlsv1.1), "
          + "2 (tlsv1.2) or 3 (tlsv1.3), got " + minVersion);
    }
    if (verifyMode != VERIFY_NONE && caCert == null) {
      throw new IllegalArgumentException("ssl_verify_mode=" + verifyMode + " checks client "
          + "certificates, so it needs ssl_ca_cert: the CA certificate(s) that sign them");
    }
  }

  /** TLS with this certificate chain and key, no client certificates, TLS 1.2 or later. */
  public static TlsSettings of(Path chainCert, Path key) {
    return new TlsSettings(chainCert, key, null, VERIFY_NONE, DEFAULT_MIN_VERSION);
  }

  /** The same settings checking client certificates against {@code caCert}. */
  public TlsSettings withClientCertificates(Path caCert, int verifyMode) {
    return new TlsSettings(chainCert, key, caCert, verifyMode, minVersion);
  }

  /** The same settings with another minimum protocol version (0 to 3, as memcached numbers it). */
  public TlsSettings withMinVersion(int minVersion) {
    return new TlsSettings(chainCert, key, caCert, verifyMode, minVersion);
  }

  /** The JDK's name of the minimum version, e.g. {@code TLSv1.2}. */
  public String minProtocol() {
    return VERSIONS[minVersion];
  }

  /** memcached's name of the minimum version, e.g. {@code tlsv1.2}, as {@code stats settings}. */
  public String minVersionName() {
    return minVersion == 0 ? "tlsv1.0" : VERSIONS[minVersion].toLowerCase();
  }

  /**
   * Reads {@code ssl_min_version} as memcached 1.6.18 does (0 to 3), also accepting the names
   * {@code tlsv1.0} … {@code tlsv1.3} that {@code stats settings} shows.
   *
   * @throws IllegalArgumentException naming the option and the value
   */
  public static int parseMinVersion(String value) {
    String v = value.strip().toLowerCase();
    for (int i = 0; i < VERSIONS.length; i++) {
      if (v.equals(Integer.toString(i)) || v.equals(i == 0 ? "tlsv1.0" : VERSIONS[i].toLowerCase())) {
        return i;
      }
    }
    throw new IllegalArgumentException("ssl_min_version must be 0 (tlsv1.0), 1 (tlsv1.1), "
        + "2 (tlsv1.2) or 3 (tlsv1.3), got '" + value + "'");
  }

  /** The JDK's names of the protocols at or above the minimum, newest first. */
  public String[] protocols() {
    String[] out = new String[VERSIONS.length - minVersion];
    for (int i = 0; i < out.length; i++) {
      out[i] = VERSIONS[VERSIONS.length - 1 - i];
    }
    return out;
  }
}
