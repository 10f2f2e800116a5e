package io.cacheman.server.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** memcached's base64 for meta keys: its leniencies, and standard output when encoding. */
class Base64KeyTest {

  private static String decode(String encoded) {
    byte[] in = encoded.getBytes(StandardCharsets.ISO_8859_1);
    byte[] out = new byte[in.length];
    int n = Base64Key.decode(in, 0, in.length, out);
    return n == 0 ? null : new String(out, 0, n, StandardCharsets.ISO_8859_1);
  }

  @Test
  void decodesLikeMemcached() {
    assertEquals("foo", decode("Zm9v"));
    assertEquals("f", decode("Zg=="));
    assertEquals("fo", decode("Zm8="));
    assertEquals("f", decode("Z!g=="), "bytes outside the alphabet are skipped");
    assertEquals("f", decode("Zg==Zm9v"), "decoding stops after a padded block");
    assertEquals("f\0", decode("Zg=x"), "padding counts wherever it is in the block");
    assertEquals(null, decode("Zm9"), "not a multiple of 4");
    assertEquals(null, decode("Zm9v="));
    assertEquals(null, decode("===="), "three or more pads");
    assertEquals(null, decode("!!!!"), "nothing of the alphabet");
    assertEquals(null, decode(""));
  }

  @Test
  void encodesAsStandardBase64WithPadding() {
    Random random = new Random(15);
    for (int len = 1; len <= 187; len++) {
      byte[] key = new byte[len];
      random.nextBytes(key);
      byte[] dst = new byte[Base64Key.encodedLength(len) + 3];
      int end = Base64Key.encode(key, 0, len, dst, 3);
      String encoded = new String(dst, 3, end - 3, StandardCharsets.US_ASCII);
      assertEquals(Base64.getEncoder().encodeToString(key), encoded);
      byte[] back = new byte[encoded.length()];
      int n = Base64Key.decode(dst, 3, end - 3, back);
      assertArrayEquals(key, Arrays.copyOf(back, n));
    }
  }
}
