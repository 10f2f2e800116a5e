package io.cacheman.reliability.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cacheman.reliability.workload.CheckedValue.Verdict;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** A checked value names its key and sequence, and any change to its bytes is caught. */
class CheckedValueTest {

  @Provide
  Arbitrary<String> keys() {
    return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(250);
  }

  @Property(tries = 300)
  void decodesWhatWasEncoded(@ForAll("keys") String key, @ForAll @LongRange(min = 0) long seq,
      @ForAll @IntRange(min = 0, max = 4096) int size) {
    byte[] value = CheckedValue.encode(key, seq, size);
    assertEquals(new CheckedValue.Decoded(key, seq), CheckedValue.decode(value));
    assertEquals(Verdict.OK, CheckedValue.check(key, value));
  }

  @Property(tries = 300)
  void anyChangedByteIsCaught(@ForAll("keys") String key, @ForAll @IntRange(min = 0, max = 600) int size,
      @ForAll @IntRange(min = 0, max = 10_000) int where, @ForAll @IntRange(min = 1, max = 255) int delta) {
    byte[] value = CheckedValue.encode(key, 7, size);
    int at = where % value.length;
    value[at] = (byte) (value[at] + delta);
    assertNull(CheckedValue.decode(value));
    assertEquals(Verdict.CORRUPTED, CheckedValue.check(key, value));
  }

  @Property(tries = 200)
  void anyTruncationIsCaught(@ForAll("keys") String key, @ForAll @IntRange(min = 1, max = 600) int cut) {
    byte[] value = CheckedValue.encode(key, 3, 300);
    byte[] shorter = Arrays.copyOf(value, Math.max(0, value.length - cut));
    assertEquals(Verdict.CORRUPTED, CheckedValue.check(key, shorter));
  }

  @Property(tries = 100)
  void anotherKeysValueIsAWrongKey(@ForAll("keys") String key) {
    assertEquals(Verdict.WRONG_KEY, CheckedValue.check(key, CheckedValue.encode(key + "x", 1, 64)));
  }

  @Property(tries = 50)
  void valuesHaveTheRequestedSize(@ForAll @IntRange(min = 40, max = 100_000) int size) {
    assertEquals(size, CheckedValue.encode("k:1", 123, size).length);
  }
}
