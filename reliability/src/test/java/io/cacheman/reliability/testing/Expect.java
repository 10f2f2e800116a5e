package io.cacheman.reliability.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.CachemanException;
import java.time.Duration;

/** Range assertions with messages that show the measured value. */
public final class Expect {
  private Expect() {}

  /** Fails unless {@code actual >= min}. */
  public static void atLeast(String what, long actual, long min) {
    assertTrue(actual >= min, what + " = " + actual + ", expected at least " + min);
  }

  /** Fails unless {@code actual <= max}. */
  public static void atMost(String what, long actual, long max) {
    assertTrue(actual <= max, what + " = " + actual + ", expected at most " + max);
  }

  /** Fails unless {@code actual >= min}. */
  public static void atLeast(String what, Duration actual, Duration min) {
    assertTrue(actual.compareTo(min) >= 0, what + " = " + millis(actual) + ", expected at least " + millis(min));
  }

  /** Fails unless {@code actual <= max}. */
  public static void atMost(String what, Duration actual, Duration max) {
    assertTrue(actual.compareTo(max) <= 0, what + " = " + millis(actual) + ", expected at most " + millis(max));
  }

  /** Runs {@code call}, which must fail with a {@link CachemanException}, and returns that exception. */
  public static CachemanException fails(Runnable call) {
    try {
      call.run();
    } catch (CachemanException e) {
      return e;
    }
    throw new AssertionError("expected the call to fail with a CachemanException");
  }

  /** Time since {@code startNanos} (a {@link System#nanoTime()} reading). */
  public static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  private static String millis(Duration d) {
    return String.format("%.1f ms", d.toNanos() / 1e6);
  }
}
