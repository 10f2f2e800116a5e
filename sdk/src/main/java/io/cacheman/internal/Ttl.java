package io.cacheman.internal;

import io.cacheman.internal.protocol.Lifetime;
import io.cacheman.internal.time.Clock;
import java.time.Duration;

/** Turns a TTL into memcached's exptime ({@code protocol.txt}, "Expiration times"). */
final class Ttl {

  private Ttl() {}

  /**
   * The exptime for {@code ttl}: 0 for {@link Duration#ZERO} (never expires), else whole seconds
   * rounded up (a TTL of 1 ms must not mean "forever"); above 30 days, the absolute unix time.
   *
   * @throws IllegalArgumentException for a null or negative TTL
   */
  static long exptime(Duration ttl, Clock clock) {
    if (ttl == null || ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must be zero (never expires) or positive, was " + ttl);
    }
    long seconds = ttl.getSeconds() + (ttl.getNano() > 0 ? 1 : 0);
    return seconds <= Lifetime.MAX_RELATIVE_SECONDS ? seconds : clock.epochSecond() + seconds;
  }
}
