package io.cacheman.config.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM files of TLS settings with the JDK alone: certificates (one or a chain) and
 * unencrypted PKCS#8 private keys (RSA, EC, Ed25519). Other key formats get a sentence saying how
 * to convert them. Each method throws {@link InvalidValueException} with that sentence.
 */
public final class PemFiles {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
  private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448");

  private PemFiles() {}

  /** Every certificate in {@code file}, in order; at least one. */
  public static List<X509Certificate> certificates(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      List<X509Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
          .map(X509Certificate.class::cast).toList();
      if (certs.isEmpty()) {
        throw new InvalidValueException("holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
      }
      return certs;
    } catch (IOException e) {
      throw new InvalidValueException("cannot be read: " + e.getMessage());
    } catch (CertificateException e) {
      throw new InvalidValueException("is not a PEM certificate file: " + e.getMessage());
    }
  }

  /** The one private key in {@code file}. */
  public static PrivateKey privateKey(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new InvalidValueException("cannot be read: " + e.getMessage());
    }
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      String type = m.group(1);
      if (type.equals("PRIVATE KEY")) {
        return decode(Base64.getMimeDecoder().decode(m.group(2)));
      }
      if (type.endsWith("PRIVATE KEY")) {
        throw new InvalidValueException("holds a " + type + ", which the JDK cannot read; convert it to an "
            + "unencrypted PKCS#8 key with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
      }
    }
    throw new InvalidValueException("holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
  }

  private static PrivateKey decode(byte[] der) {
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // not this algorithm: try the next
      }
    }
    throw new InvalidValueException("holds a private key of an algorithm other than " + KEY_ALGORITHMS);
  }
}
