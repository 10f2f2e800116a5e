package io.cacheman.server.internal.security;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;

/**
 * Just enough DER to wrap the two pre-PKCS#8 key formats that openssl still writes ({@code
 * genrsa -traditional}, {@code ecparam -genkey}) in a PKCS#8 envelope the JDK's {@code
 * KeyFactory} reads: a version, an algorithm identifier and the old key as an octet string.
 */
final class Der {
  private static final byte SEQUENCE = 0x30;
  private static final byte OCTET_STRING = 0x04;
  private static final byte OID = 0x06;
  /** 1.2.840.113549.1.1.1 rsaEncryption, then NULL parameters. */
  private static final byte[] RSA_ALGORITHM = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
      (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
  /** 1.2.840.10045.2.1 ecPublicKey. */
  private static final byte[] EC_PUBLIC_KEY = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce,
      0x3d, 0x02, 0x01};
  private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

  private Der() {}

  /** PKCS#1 {@code RSAPrivateKey} → PKCS#8. */
  static byte[] pkcs8FromRsa(byte[] pkcs1) {
    return pkcs8(RSA_ALGORITHM, pkcs1);
  }

  /**
   * SEC1 {@code ECPrivateKey} ({@code SEQUENCE {version, privateKey OCTET STRING, [0] curve OID,
   * [1] public key}}) → PKCS#8; the curve moves into the algorithm identifier.
   */
  static byte[] pkcs8FromEc(byte[] sec1, Path file) {
    int[] at = {0};
    expect(sec1, at, SEQUENCE, file);
    length(sec1, at);
    skip(sec1, at); // version
    skip(sec1, at); // private key
    if (at[0] >= sec1.length || sec1[at[0]] != (byte) 0xa0) {
      throw new IllegalArgumentException(file + " holds an EC key without its curve; convert it "
          + "with openssl pkcs8 -topk8 -nocrypt");
    }
    at[0]++;
    length(sec1, at);
    int oidStart = at[0];
    expect(sec1, at, OID, file);
    int oidLength = length(sec1, at);
    byte[] curve = java.util.Arrays.copyOfRange(sec1, oidStart, at[0] + oidLength);
    return pkcs8(concat(EC_PUBLIC_KEY, curve), sec1);
  }

  private static byte[] pkcs8(byte[] algorithm, byte[] key) {
    return tlv(SEQUENCE, concat(VERSION_0, tlv(SEQUENCE, algorithm), tlv(OCTET_STRING, key)));
  }

  private static void expect(byte[] der, int[] at, byte tag, Path file) {
    if (at[0] >= der.length || der[at[0]] != tag) {
      throw new IllegalArgumentException(file + " holds a key that is not valid DER");
    }
    at[0]++;
  }

  /** Reads a length at {@code at[0]} and moves past it. */
  private static int length(byte[] der, int[] at) {
    int first = der[at[0]++] & 0xff;
    if (first < 0x80) {
      return first;
    }
    int n = 0;
    for (int i = 0; i < (first & 0x7f); i++) {
      n = (n << 8) | (der[at[0]++] & 0xff);
    }
    return n;
  }

  /** Moves past one whole element. */
  private static void skip(byte[] der, int[] at) {
    at[0]++;
    int n = length(der, at);
    at[0] += n;
  }

  private static byte[] tlv(byte tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int n = content.length;
    if (n < 0x80) {
      out.write(n);
    } else {
      int bytes = n < 0x100 ? 1 : n < 0x10000 ? 2 : 3;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(n >>> (8 * i));
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
