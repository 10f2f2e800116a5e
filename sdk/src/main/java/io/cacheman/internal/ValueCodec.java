package io.cacheman.internal;

import io.cacheman.CacheTranscodingException;
import io.cacheman.CachedData;
import io.cacheman.CasValue;
import io.cacheman.Transcoder;
import io.cacheman.internal.protocol.Item;
import io.cacheman.internal.protocol.StorageCommand;
import io.cacheman.internal.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** A view's value handling: its transcoder, TTL conversion and the client's default TTL. */
final class ValueCodec<V> {
  final Transcoder<V> transcoder;
  private final Duration defaultTtl;
  private final Clock clock;

  ValueCodec(Transcoder<V> transcoder, Duration defaultTtl, Clock clock) {
    this.transcoder = Objects.requireNonNull(transcoder, "transcoder");
    this.defaultTtl = defaultTtl;
    this.clock = clock;
  }

  /** The value handling of {@code client}'s views whose values go through {@code transcoder}. */
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

  /** The storage command that stores {@code value} under {@code key}. */
  StorageCommand storage(StorageCommand.Kind kind, byte[] key, V value, long exptime) {
    CachedData data = encode(value);
    return StorageCommand.of(kind, key, data.flags(), exptime, data.data());
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
    return Ttl.exptime(ttl, clock);
  }

  long defaultExptime() {
    return Ttl.exptime(defaultTtl, clock);
  }
}
