package io.cacheman.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cacheman.testing.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TtlTest {
  private final ManualClock clock = ManualClock.stopped(); // its wall clock reads 1,700,000,000

  @Test
  void zeroMeansNeverExpires() {
    assertEquals(0, ValueCodec.exptime(Duration.ZERO, clock));
  }

  @Test
  void roundsUpToWholeSeconds() {
    assertEquals(1, ValueCodec.exptime(Duration.ofNanos(1), clock));
    assertEquals(1, ValueCodec.exptime(Duration.ofMillis(1000), clock));
    assertEquals(2, ValueCodec.exptime(Duration.ofMillis(1001), clock));
  }

  @Test
  void upToThirtyDaysIsRelativeBeyondIsAbsolute() {
    assertEquals(2_592_000, ValueCodec.exptime(Duration.ofDays(30), clock));
    assertEquals(1_700_000_000L + 2_592_001, ValueCodec.exptime(Duration.ofDays(30).plusSeconds(1), clock));
    assertEquals(1_700_000_000L + 31_536_000, ValueCodec.exptime(Duration.ofDays(365), clock));
  }

  @Test
  void rejectsNegativeAndNull() {
    assertThrows(IllegalArgumentException.class, () -> ValueCodec.exptime(Duration.ofSeconds(-1), clock));
    assertThrows(IllegalArgumentException.class, () -> ValueCodec.exptime(null, clock));
  }
}
