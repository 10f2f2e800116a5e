package io.cacheman.server.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** memcached's strtoul/strtol rules, checked against values observed on memcached 1.6.18. */
class CNumbersTest {
  private final long[] out = new long[1];

  @Test
  void unsigned64AcceptsWhatStrtoullAccepts() {
    assertEquals(5, u64("+5"));
    assertEquals(-1L, u64("18446744073709551615"));
    assertEquals(12, u64(" 12"));
    assertEquals(12, u64("12\t"));
    assertEquals(0, u64("-0"));
    assertEquals(1, u64("-18446744073709551615")); // strtoull negates; memcached lets it pass
    assertFalse(parse64("18446744073709551616"));
    assertFalse(parse64("-1"));
    assertFalse(parse64("0x10"));
    assertFalse(parse64("12a"));
    assertFalse(parse64(""));
    assertFalse(parse64("+"));
  }

  @Test
  void signed32RefusesWhatMemcachedWouldTruncate() {
    assertTrue(CNumbers.parseSigned32(b("-2147483648"), 0, 11, out));
    assertEquals(Integer.MIN_VALUE, out[0]);
    assertTrue(CNumbers.parseSigned32(b("2147483647"), 0, 10, out));
    assertFalse(CNumbers.parseSigned32(b("2147483648"), 0, 10, out));
    assertFalse(CNumbers.parseSigned32(b("99999999999"), 0, 11, out));
  }

  @Test
  void unsigned32IsTheFlagsRange() {
    assertTrue(CNumbers.parseUnsigned32(b("4294967295"), 0, 10, out));
    assertFalse(CNumbers.parseUnsigned32(b("4294967296"), 0, 10, out));
    assertFalse(CNumbers.parseUnsigned32(b("-1"), 0, 2, out));
  }

  private long u64(String s) {
    assertTrue(parse64(s), s);
    return out[0];
  }

  private boolean parse64(String s) {
    byte[] b = b(s);
    return CNumbers.parseUnsigned64(b, 0, b.length, out);
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
