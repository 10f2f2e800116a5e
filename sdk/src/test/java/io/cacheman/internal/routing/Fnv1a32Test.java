package io.cacheman.internal.routing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Published FNV-1a 32-bit test vectors. */
class Fnv1a32Test {

  @ParameterizedTest
  @CsvSource({
      "'', 811c9dc5", "a, e40c292c", "b, e70c2de5", "fo, 6222e842", "foo, a9f37ed7", "foob, 3f5076ef",
      "fooba, 39aaa18a", "foobar, bf9cf968",
  })
  void knownVectors(String input, String hex) {
    assertEquals(Integer.parseUnsignedInt(hex, 16), Fnv1a32.hash(input.getBytes(UTF_8)));
  }

  @Test
  void bytesAboveSevenBitsAreTakenUnsigned() {
    // "é" is C3 A9 in UTF-8. The FNV definition gives 1e9de8c1; libmemcached's sign-extending C
    // char would give 3cfa68c1. DESIGN.md §3 picks the definition.
    assertEquals(0x1e9de8c1, Fnv1a32.hash("é".getBytes(UTF_8)));
  }
}
