package io.cacheman.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(5));

  @Test
  void doublesFromTheMinimumUpToTheMaximum() {
    assertEquals(ms(50), backoff.delayNanos(0, 0.5));
    assertEquals(ms(100), backoff.delayNanos(1, 0.5));
    assertEquals(ms(200), backoff.delayNanos(2, 0.5));
    assertEquals(ms(3200), backoff.delayNanos(6, 0.5));
    assertEquals(ms(5000), backoff.delayNanos(7, 0.5));
    assertEquals(ms(5000), backoff.delayNanos(1_000, 0.5));
  }

  @Test
  void jitterSpreadsEachStepButStaysWithinBounds() {
    assertEquals(ms(75), backoff.delayNanos(1, 0.0));
    assertEquals(ms(125) - 1, backoff.delayNanos(1, 0.99999999), ms(1));
    assertEquals(ms(50), backoff.delayNanos(0, 0.0)); // never below the minimum
    assertEquals(ms(5000), backoff.delayNanos(20, 0.99)); // never above the maximum
    assertTrue(backoff.delayNanos(20, 0.0) < ms(5000)); // and spread at the top as well
  }

  private static long ms(long millis) {
    return Duration.ofMillis(millis).toNanos();
  }
}
