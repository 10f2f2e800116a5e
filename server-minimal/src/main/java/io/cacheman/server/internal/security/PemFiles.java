package io.cacheman.server.internal.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Certificates and private keys from the PEM files memcached reads, with the JDK alone (no
 * Bouncy Castle): certificates through {@link CertificateFactory}, keys as PKCS#8 ({@code BEGIN
 * PRIVATE KEY}, what {@code openssl genpkey} writes) or the older PKCS#1 RSA and SEC1 EC forms,
 * which {@link Der} rewraps as PKCS#8. A problem is an {@link IllegalArgumentException} whose
 * message names the file and says what to do; it never quotes the file's contents.
 */
public final class PemFiles {
  private static final String[] KEY_ALGORITHMS = {"EC", "RSA", "EdDSA", "RSASSA-PSS"};

  private PemFiles() {}

  /** Every certificate in the file, in order (a chain: the node's certificate first). */
  public static List<X509Certificate> certificates(Path file) {
    byte[] bytes = read(file);
    try {
      List<X509Certificate> out = new ArrayList<>();
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (var c : factory.generateCertificates(new ByteArrayInputStream(bytes))) {
        out.add((X509Certificate) c);
      }
      if (out.isEmpty()) {
        throw new IllegalArgumentException(file + " holds no PEM certificate (-----BEGIN "
            + "CERTIFICATE-----)");
      }
      return out;
    } catch (CertificateException e) {
      throw new IllegalArgumentException(file + " is not a PEM certificate file: "
          + e.getMessage());
    }
  }

  /** The first private key in the file. */
  public static PrivateKey privateKey(Path file) {
    String text = new String(read(file), StandardCharsets.US_ASCII);
    if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")
        || text.contains("Proc-Type: 4,ENCRYPTED")) {
      throw new IllegalArgumentException(file + " holds an encrypted key; the node reads "
          + "unencrypted keys only (openssl pkcs8 -topk8 -nocrypt -in KEY -out PLAIN, readable "
          + "by the node's user only)");
    }
    byte[] der = block(text, "PRIVATE KEY");
    if (der == null) {
      byte[] rsa = block(text, "RSA PRIVATE KEY");
      byte[] ec = block(text, "EC PRIVATE KEY");
      der = rsa != null ? Der.pkcs8FromRsa(rsa) : ec != null ? Der.pkcs8FromEc(ec, file) : null;
    }
    if (der == null) {
      throw new IllegalArgumentException(file + " holds no PEM private key (-----BEGIN PRIVATE "
          + "KEY-----, RSA PRIVATE KEY or EC PRIVATE KEY)");
    }
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        // not this algorithm: try the next
      }
    }
    throw new IllegalArgumentException(file + " holds a private key of a kind the JDK cannot "
        + "use (EC, RSA and Ed25519 keys work)");
  }

  /** True when the file holds a private key block (memcached allows the key in the chain file). */
  public static boolean hasPrivateKey(Path file) {
    String text = new String(read(file), StandardCharsets.US_ASCII);
    return text.contains("PRIVATE KEY-----");
  }

  /** The base64 body of the first {@code -----BEGIN <label>-----} block, decoded; or null. */
  private static byte[] block(String text, String label) {
    String begin = "-----BEGIN " + label + "-----";
    int from = text.indexOf(begin);
    if (from < 0) {
      return null;
    }
    int to = text.indexOf("-----END " + label + "-----", from);
    if (to < 0) {
      return null;
    }
    String body = text.substring(from + begin.length(), to).replaceAll("\\s", "");
    try {
      return Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + " does not exist");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
    }
  }
}
