package io.cacheman.internal;

import io.cacheman.CacheTranscodingException;
import io.cacheman.CachedData;
import io.cacheman.CasValue;
import io.cacheman.Transcoder;
import io.cacheman.internal.protocol.Item;
import io.cacheman.internal.protocol.Lifetime;
import io.cacheman.internal.protocol.StorageCommand;
import io.cacheman.internal.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** A view's value handling: its transcoder, and TTLs turned into exptimes with the client's default TTL. */
final class ValueCodec<V> {
  final Transcoder<V> transcoder;
  private final Duration defaultTtl;
  private final Clock clock;

  ValueCodec(Transcoder<V> transcoder, Duration defaultTtl, Clock clock) {
    this.transcoder = Objects.requireNonNull(transcoder, "transcoder");
    this.defaultTtl = defaultTtl;
    this.clock = clock;
  }

  static <V> ValueCodec<V> of(Client client, Transcoder<V> transcoder) {
    return new ValueCodec<>(transcoder, client.config().defaultTtl(), client.clock);
  }

  <T> ValueCodec<T> with(Transcoder<T> other) {
    return new ValueCodec<>(other, defaultTtl, clock);
  }

  CachedData encode(V value) {
    if (value == null) {
      throw new IllegalArgumentException("value must not be null (a cache cannot store null)");
    }
    CachedData data;
    try {
      data = transcoder.encode(value);
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
      return transcoder.decode(new CachedData(item.flags(), item.data()));
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
   * absolute unix time.
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
