package io.cacheman.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.config.LongKeyPolicy;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Key validation and the over-long key policies. */
class KeyEncoderTest {
  private final KeyEncoder reject = new KeyEncoder(LongKeyPolicy.REJECT);
  private final KeyEncoder hash = new KeyEncoder(LongKeyPolicy.HASH);

  private static String message(KeyEncoder encoder, String key) {
    return assertThrows(IllegalArgumentException.class, () -> encoder.encode(key)).getMessage();
  }

  @Test
  void printableAsciiIsItsOwnBytes() {
    assertArrayEquals("user:42".getBytes(UTF_8), reject.encode("user:42"));
    assertArrayEquals("!~".getBytes(UTF_8), reject.encode("!~"));
    String max = "k".repeat(250);
    assertArrayEquals(max.getBytes(UTF_8), reject.encode(max));
  }

  @Test
  void unicodeIsUtf8() {
    assertArrayEquals("café:😀".getBytes(UTF_8), reject.encode("café:😀"));
  }

  @Test
  void nullAndEmpty() {
    assertEquals("key must not be null", message(reject, null));
    assertEquals("key must not be empty", message(reject, ""));
  }

  @Test
  void whitespaceAndControlCharactersAreRejectedWithTheKeyQuoted() {
    assertEquals("key \"user 42\" contains a space at index 4; memcached keys cannot contain whitespace or "
        + "control characters", message(reject, "user 42"));
    assertEquals("key \"a\\u000ab\" contains control character 0x0a at index 1; memcached keys cannot contain "
        + "whitespace or control characters", message(reject, "a\nb"));
    assertTrue(message(reject, "tab\there").contains("control character 0x09 at index 3"));
    assertTrue(message(reject, "nul\0").contains("control character 0x00 at index 3"));
    assertTrue(message(reject, "del\u007f").contains("control character 0x7f at index 3"));
    assertTrue(message(reject, "é é").contains("a space at index 1"));
  }

  @Test
  void unpairedSurrogatesHaveNoUtf8Form() {
    assertEquals("key \"a\\ud800\" contains an unpaired surrogate at index 1, which has no UTF-8 form",
        message(reject, "a\ud800"));
    assertTrue(message(reject, "\udc00b").contains("index 0"));
  }

  @Test
  void overLongKeysAreRejectedByDefault() {
    String key = "x".repeat(251);
    assertEquals("key \"" + "x".repeat(40) + "\"... (251 chars) is 251 bytes, over memcached's limit of 250; "
        + "shorten it, or set cacheman.keys.too-long=hash to store it under a digest", message(reject, key));
    // 125 two-byte characters are 250 bytes; one more is too many.
    assertEquals(250, reject.encode("é".repeat(125)).length);
    assertTrue(message(reject, "é".repeat(126)).contains("is 252 bytes"));
  }

  @Test
  void hashPolicyKeepsAPrefixAndTheSha256() throws Exception {
    String key = "report:" + "x".repeat(400);
    byte[] encoded = hash.encode(key);
    byte[] sha256 = java.security.MessageDigest.getInstance("SHA-256").digest(key.getBytes(UTF_8));
    String expected = key.substring(0, 180) + ":" + java.util.HexFormat.of().formatHex(sha256);
    assertEquals(expected, new String(encoded, UTF_8));
    assertEquals(245, encoded.length);
    assertArrayEquals(encoded, hash.encode(key), "stable");
    assertNotEquals(new String(encoded, UTF_8), new String(hash.encode(key + "y"), UTF_8));
  }

  @Test
  void hashPolicyLeavesShortKeysAlone() {
    assertArrayEquals("short".getBytes(UTF_8), hash.encode("short"));
    assertEquals("key must not be empty", message(hash, ""));
    assertTrue(message(hash, "long key ".repeat(40)).contains("a space"), "still validated");
  }

  @Property(tries = 500)
  void anyValidLongKeyHashesToAValidShortKey(@ForAll @StringLength(min = 1, max = 400) String raw) {
    StringBuilder valid = new StringBuilder();
    raw.chars().forEach(c -> valid.append(c <= 0x20 || c == 0x7f || Character.isSurrogate((char) c) ? 'x' : (char) c));
    // Multi-byte characters around the cut make sure the prefix never splits one.
    String key = valid + "é😀".repeat(60);
    byte[] encoded = hash.encode(key);
    assertTrue(encoded.length <= KeyEncoder.MAX_KEY_BYTES, "length " + encoded.length);
    for (byte b : encoded) {
      assertTrue((b & 0xff) > 0x20 && b != 0x7f, "byte " + b);
    }
    // Valid UTF-8: the prefix was not cut inside a character.
    try {
      UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(encoded));
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new AssertionError("not UTF-8 after hashing " + key, e);
    }
  }
}
