package io.cacheman.reliability.workload;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which calls a recorded stall may excuse: only those it overlapped, and only if it was long enough. */
class SchedulingNoiseTest {
  private static final long MS = 1_000_000;

  @Test
  void aStallExcusesOnlyCallsItOverlapsAndOnlyWhenLongEnough() {
    try (SchedulingNoise noise = SchedulingNoise.start()) {
      long t = System.nanoTime() + 3_600_000 * MS; // an hour ahead: no real oversleep of this run gets there
      noise.noteStall(t + 100 * MS, t + 250 * MS); // 150 ms late
      assertTrue(noise.stalledBetween(t, t + 400 * MS, Duration.ofMillis(100)), "a call around the stall");
      assertTrue(noise.stalledBetween(t + 200 * MS, t + 220 * MS, Duration.ofMillis(100)), "a call inside it");
      assertFalse(noise.stalledBetween(t, t + 100 * MS, Duration.ofMillis(100)), "a call that ended as it began");
      assertFalse(noise.stalledBetween(t + 250 * MS, t + 400 * MS, Duration.ofMillis(100)), "a call after it");
      assertFalse(noise.stalledBetween(t, t + 400 * MS, Duration.ofMillis(200)), "a stall shorter than asked");
    }
  }
}
