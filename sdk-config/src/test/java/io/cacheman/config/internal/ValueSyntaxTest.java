package io.cacheman.config.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cacheman.config.FailoverMode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Durations, sizes and enum names as a settings file writes them. */
class ValueSyntaxTest {

  @ParameterizedTest
  @CsvSource({
      "250ms, PT0.25S", "2s, PT2S", "1m, PT1M", "1h, PT1H", "1d, PT24H", "1.5s, PT1.5S", "0.5m, PT30S",
      "100us, PT0.0001S", "100µs, PT0.0001S", "7ns, PT0.000000007S", "PT0.5S, PT0.5S", "pt2m, PT2M",
      "0, PT0S", "' 3 s ', PT3S", "10MS, PT0.01S",
  })
  void durations(String written, String iso) {
    assertEquals(Duration.parse(iso), ValueSyntax.parseDuration(written));
  }

  @Test
  void aBareNumberAsksForAUnit() {
    InvalidValueException e = assertThrows(InvalidValueException.class, () -> ValueSyntax.parseDuration("1.5"));
    assertEquals("a duration needs a unit: write 1.5ms, 1.5s or 1.5m", e.getMessage());
  }

  @Test
  void finerThanANanosecondIsRejected() {
    assertThrows(InvalidValueException.class, () -> ValueSyntax.parseDuration("1.5ns"));
    assertThrows(InvalidValueException.class, () -> ValueSyntax.parseDuration("99999999999999999999d"));
  }

  @ParameterizedTest
  @CsvSource({"PT0S, 0s", "PT0.25S, 250ms", "PT90S, 90s", "PT2M, 2m", "PT48H, 2d", "PT0.0000015S, 1500ns"})
  void durationsFormatToTheShortestExactUnit(String iso, String written) {
    assertEquals(written, ValueSyntax.formatDuration(Duration.parse(iso)));
    assertEquals(Duration.parse(iso), ValueSyntax.parseDuration(written));
  }

  @ParameterizedTest
  @CsvSource({
      "0, 0", "16384, 16384", "16k, 16384", "16K, 16384", "16KiB, 16384", "16 kb, 16384", "1m, 1048576",
      "1MiB, 1048576", "2047m, 2146435072", "12b, 12",
  })
  void sizes(String written, int bytes) {
    assertEquals(bytes, ValueSyntax.parseSize(written));
  }

  @ParameterizedTest
  @CsvSource({"0, 0", "1000, 1000", "16384, 16KiB", "2097152, 2MiB", "1536, 1536"})
  void sizesFormat(int bytes, String written) {
    assertEquals(written, ValueSyntax.formatSize(bytes));
    assertEquals(bytes, ValueSyntax.parseSize(written));
  }

  @ParameterizedTest
  @CsvSource({"fail-fast", "FAIL_FAST", "Fail-Fast", "fail_fast", "' fail-fast '"})
  void enumsIgnoreCaseAndDashes(String written) {
    assertEquals(FailoverMode.FAIL_FAST, ValueSyntax.parseEnum(FailoverMode.class, written));
  }

  @Test
  void enumsFormatLowerCaseWithDashes() {
    assertEquals("fail-fast", ValueSyntax.formatEnum(FailoverMode.FAIL_FAST));
    assertEquals("redistribute or fail-fast", ValueSyntax.choices(FailoverMode.class));
  }
}
