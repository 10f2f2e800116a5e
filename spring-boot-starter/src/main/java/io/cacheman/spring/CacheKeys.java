package io.cacheman.spring;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Spring cache keys as memcached keys, one to one.
 *
 * <p>A Spring key becomes text through {@code String.valueOf(key)} (so {@code SimpleKey}, strings,
 * numbers and records with their generated {@code toString()} work; a key class of your own needs
 * a {@code toString()} that tells its instances apart). An entry is stored under
 * {@code <prefix><cache>:<generation>:<key>}, readable in memcached's tools, when that is a valid
 * memcached key: at most 250 bytes, no blanks or control characters, and a cache name without
 * {@code :} (which would make two names' keys look alike). Otherwise under
 * {@code <prefix>#<SHA-256 of cache, generation and key>}, whatever the key's length or content.
 * The two forms cannot meet: the readable one has two {@code :} after the cache name, the hashed one
 * none. A cache's generation counter lives under {@code <prefix><cache>:generation} or
 * {@code <prefix>#generation:<SHA-256 of the cache name>}, with one {@code :}.
 *
 * <p>Immutable and thread-safe.
 */
final class CacheKeys {
  private static final int MAX_KEY_BYTES = 250;

  private final String prefix;

  CacheKeys(String prefix) {
    this.prefix = prefix;
  }

  /** The key of {@code key}'s entry in cache {@code cache} at {@code generation}. */
  String entry(String cache, long generation, Object key) {
    String text = String.valueOf(key);
    if (cache.indexOf(':') < 0) {
      String readable = prefix + cache + ":" + generation + ":" + text;
      if (isValidPart(readable) && bytes(readable) <= MAX_KEY_BYTES) {
        return readable;
      }
    }
    return prefix + "#" + sha256(cache + "\n" + generation + "\n" + text);
  }

  /** The key of cache {@code cache}'s generation counter. */
  String generation(String cache) {
    String readable = prefix + cache + ":generation";
    if (cache.indexOf(':') < 0 && isValidPart(readable) && bytes(readable) <= MAX_KEY_BYTES) {
      return readable;
    }
    return prefix + "#generation:" + sha256(cache);
  }

  /** No blanks, control characters or DEL: what memcached's text protocol allows in a key. */
  static boolean isValidPart(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= ' ' || c == 0x7f || Character.isWhitespace(c) || Character.isISOControl(c)) {
        return false;
      }
    }
    return true;
  }

  static int bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
