package io.cacheman.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.cacheman.config.LongKeyPolicy;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Turns a key into its wire bytes after checking it against the memcached protocol: 1 to 250 bytes
 * of UTF-8, no whitespace or control characters (bytes 0x00-0x20 and 0x7f). Runs on every request:
 * printable ASCII keys (the usual case) take one pass and one allocation. Immutable, thread-safe.
 *
 * <p>With {@link LongKeyPolicy#HASH}, a key over 250 bytes becomes its first
 * {@value #HASHED_PREFIX_BYTES} bytes (cut at a character boundary), {@code ':'} and the hex SHA-256
 * of the whole key: at most 245 bytes, stable across clients and releases, and still readable in a
 * server's stats dump.
 */
public final class KeyEncoder {
  /** memcached's key length limit, in bytes. */
  public static final int MAX_KEY_BYTES = 250;
  /** How much of an over-long key the {@link LongKeyPolicy#HASH} form keeps, in bytes. */
  public static final int HASHED_PREFIX_BYTES = 180;
  private static final int SHOWN_CHARS = 40;

  private final LongKeyPolicy policy;

  public KeyEncoder(LongKeyPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /**
   * The wire bytes of {@code key}.
   *
   * @throws IllegalArgumentException for a null or empty key, whitespace or a control character,
   *     an unpaired surrogate, or (under {@link LongKeyPolicy#REJECT}) more than 250 bytes; the
   *     message quotes the key, escaped and shortened
   */
  public byte[] encode(String key) {
    if (key == null) {
      throw new IllegalArgumentException("key must not be null");
    }
    int length = key.length();
    if (length == 0) {
      throw new IllegalArgumentException("key must not be empty");
    }
    if (length <= MAX_KEY_BYTES) {
      byte[] ascii = new byte[length];
      for (int i = 0; i < length; i++) {
        char c = key.charAt(i);
        if (c <= 0x20 || c >= 0x7f) {
          return encodeSlowly(key); // whitespace, control or non-ASCII: let the careful path decide
        }
        ascii[i] = (byte) c;
      }
      return ascii;
    }
    return encodeSlowly(key);
  }

  private byte[] encodeSlowly(String key) {
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c <= 0x20 || c == 0x7f) {
        throw new IllegalArgumentException("key " + quote(key) + " contains "
            + (c == ' ' ? "a space" : String.format("control character 0x%02x", (int) c)) + " at index " + i
            + "; memcached keys cannot contain whitespace or control characters");
      }
      if (Character.isSurrogate(c)) {
        boolean paired = Character.isHighSurrogate(c) && i + 1 < key.length()
            && Character.isLowSurrogate(key.charAt(i + 1));
        if (!paired) {
          throw new IllegalArgumentException("key " + quote(key) + " contains an unpaired surrogate at index " + i
              + ", which has no UTF-8 form");
        }
        i++;
      }
    }
    byte[] utf8 = key.getBytes(UTF_8);
    if (utf8.length <= MAX_KEY_BYTES) {
      return utf8;
    }
    if (policy == LongKeyPolicy.REJECT) {
      throw new IllegalArgumentException("key " + quote(key) + " is " + utf8.length + " bytes, over memcached's limit of "
          + MAX_KEY_BYTES + "; shorten it, or set cacheman.keys.too-long=hash to store it under a digest");
    }
    return hashed(utf8);
  }

  /** The {@link LongKeyPolicy#HASH} form: a prefix cut at a UTF-8 character boundary, ':' and the hex SHA-256. */
  private static byte[] hashed(byte[] utf8) {
    int cut = HASHED_PREFIX_BYTES;
    while ((utf8[cut] & 0xc0) == 0x80) {
      cut--; // never split a multi-byte character: back off to the start of the one at the cut
    }
    byte[] digest = HexFormat.of().formatHex(sha256(utf8)).getBytes(UTF_8);
    byte[] out = new byte[cut + 1 + digest.length];
    System.arraycopy(utf8, 0, out, 0, cut);
    out[cut] = ':';
    System.arraycopy(digest, 0, out, cut + 1, digest.length);
    return out;
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The key in quotes, control characters and quotes escaped, cut to a readable length. */
  static String quote(String key) {
    StringBuilder out = new StringBuilder(SHOWN_CHARS + 24).append('"');
    int shown = Math.min(key.length(), SHOWN_CHARS);
    for (int i = 0; i < shown; i++) {
      char c = key.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
    if (key.length() > shown) {
      out.append("... (").append(key.length()).append(" chars)");
    }
    return out.toString();
  }
}
