package io.cacheman.internal;

import io.cacheman.CacheTranscodingException;
import io.cacheman.CachedData;
import io.cacheman.CasValue;
import io.cacheman.Transcoder;
import io.cacheman.config.CachemanConfig;
import io.cacheman.internal.transcode.Bounded;
import io.cacheman.internal.protocol.Item;
import io.cacheman.internal.protocol.Lifetime;
import io.cacheman.internal.protocol.StorageCommand;
import io.cacheman.internal.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** A view's value handling: its transcoder, and TTLs turned into exptimes with the client's default TTL. */
final class ValueCodec<V> {
  /** The transcoder as the caller gave it: views sharing it share {@code getOrLoad} loads. */
  final Transcoder<V> transcoder;
  /** The same, bounded to the client's largest value if it is a built-in one. */
  private final Transcoder<V> bounded;
  private final Duration defaultTtl;
  private final Clock clock;
  private final int maxValueSize;

  private ValueCodec(Transcoder<V> transcoder, Duration defaultTtl, Clock clock, int maxValueSize) {
    this.transcoder = Objects.requireNonNull(transcoder, "transcoder");
    this.bounded = Bounded.bound(transcoder, maxValueSize);
    this.defaultTtl = defaultTtl;
    this.clock = clock;
    this.maxValueSize = maxValueSize;
  }

  static <V> ValueCodec<V> of(Client client, Transcoder<V> transcoder) {
    CachemanConfig config = client.config();
    return new ValueCodec<>(transcoder, config.defaultTtl(), client.clock, config.maxValueSize());
  }

  <T> ValueCodec<T> with(Transcoder<T> other) {
    return new ValueCodec<>(other, defaultTtl, clock, maxValueSize);
  }

  CachedData encode(V value) {
    if (value == null) {
      throw new IllegalArgumentException("value must not be null (a cache cannot store null)");
    }
    CachedData data;
    try {
      data = bounded.encode(value);
    } catch (CacheTranscodingException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CacheTranscodingException("cannot encode a " + value.getClass().getName() + ": " + e.getMessage(), e);
    }
    if (data == null || data.data() == null) {
      throw new CacheTranscodingException("the transcoder returned no bytes for a " + value.getClass().getName());
    }
    return data;
  }

  StorageCommand storage(StorageCommand.Kind kind, byte[] key, V value, long exptime) {
    CachedData data = encode(value);
    return StorageCommand.of(kind, key, data.flags(), exptime, data.data());
  }

  StorageCommand cas(byte[] key, V value, long exptime, long casUnique) {
    CachedData data = encode(value);
    return StorageCommand.cas(key, data.flags(), exptime, data.data(), casUnique);
  }

  /** The value of {@code item}, or null for a miss. */
  V decode(Item item) {
    if (item == null) {
      return null;
    }
    try {
      return bounded.decode(new CachedData(item.flags(), item.data()));
    } catch (CacheTranscodingException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CacheTranscodingException("cannot decode a value with flags " + Integer.toUnsignedString(item.flags())
          + ": " + e.getMessage(), e);
    }
  }

  CasValue<V> decodeWithCas(Item item) {
    return item == null ? null : new CasValue<>(decode(item), item.cas());
  }

  long exptime(Duration ttl) {
    return exptime(ttl, clock);
  }

  long defaultExptime() {
    return exptime(defaultTtl, clock);
  }

  /**
   * memcached's exptime for {@code ttl} ({@code protocol.txt}, "Expiration times"): 0 for {@link Duration#ZERO}
   * (never expires), else whole seconds rounded up (a TTL of 1 ms must not mean "forever"); above 30 days, the
   * absolute unix time, which the protocol carries as a signed 32-bit number.
   *
   * @throws IllegalArgumentException for a null or negative TTL, or one that ends after 2038-01-19T03:14:07Z
   */
  static long exptime(Duration ttl, Clock clock) {
    if (ttl == null || ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must be zero (never expires) or positive, was " + ttl);
    }
    long seconds = ttl.getSeconds() + (ttl.getNano() > 0 ? 1 : 0);
    if (seconds <= Lifetime.MAX_RELATIVE_SECONDS) {
      return seconds;
    }
    long now = clock.epochSecond();
    if (seconds > Integer.MAX_VALUE - now) {
      throw new IllegalArgumentException("ttl " + ttl + " ends after 2038-01-19T03:14:07Z, the last expiry time "
          + "memcached can carry; use Duration.ZERO for values that never expire");
    }
    return now + seconds;
  }
}
