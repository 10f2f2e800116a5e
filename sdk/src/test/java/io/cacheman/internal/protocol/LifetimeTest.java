package io.cacheman.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LifetimeTest {
  private static final long THIRTY_DAYS = 60L * 60 * 24 * 30;

  @Test
  void noCapLeavesEveryExptimeAlone() {
    assertEquals(0, Lifetime.capped(0, 0));
    assertEquals(3600, Lifetime.capped(3600, 0));
  }

  @Test
  void neverExpiringBecomesTheCap() {
    assertEquals(10, Lifetime.capped(0, 10));
  }

  @Test
  void relativeExptimesAreCappedOnlyWhenLonger() {
    assertEquals(10, Lifetime.capped(3600, 10));
    assertEquals(5, Lifetime.capped(5, 10));
    assertEquals(THIRTY_DAYS - 1, Lifetime.capped(THIRTY_DAYS - 1, THIRTY_DAYS));
  }

  @Test
  void absoluteExptimesAreComparedWithNow() {
    long now = System.currentTimeMillis() / 1000;
    long inAYear = now + 365L * 24 * 3600;
    assertEquals(10, Lifetime.capped(inAYear, 10));
    long inFiveSeconds = now + 5; // an absolute time sooner than the cap stays as it is
    assertEquals(inFiveSeconds, Lifetime.capped(inFiveSeconds, 3600));
  }

  @Test
  void alreadyExpiredStaysExpired() {
    assertEquals(-1, Lifetime.capped(-1, 10));
    long past = THIRTY_DAYS + 1; // an absolute time in 1970
    assertEquals(past, Lifetime.capped(past, 10));
  }
}
