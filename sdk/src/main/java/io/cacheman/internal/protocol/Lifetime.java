package io.cacheman.internal.protocol;

/**
 * Caps an item's lifetime as the wire states it: memcached reads an exptime of 0 as "never", up
 * to 30 days as relative seconds, above that as a unix time ({@code protocol.txt}, "Expiration
 * times").
 */
public final class Lifetime {
  /** memcached reads an exptime up to this many seconds (30 days) as relative, above it as a unix time. */
  public static final long MAX_RELATIVE_SECONDS = 60L * 60 * 24 * 30;

  private Lifetime() {}

  /**
   * {@code exptime}, or {@code maxSeconds} (relative) when that ends sooner. An exptime that is
   * already in the past stays as it is. {@code maxSeconds <= 0} means no cap.
   */
  static long capped(long exptime, long maxSeconds) {
    if (maxSeconds <= 0 || exptime < 0) {
      return exptime;
    }
    if (exptime == 0) {
      return maxSeconds;
    }
    long remaining = exptime <= MAX_RELATIVE_SECONDS ? exptime : exptime - System.currentTimeMillis() / 1000;
    return remaining > maxSeconds ? maxSeconds : exptime;
  }
}
