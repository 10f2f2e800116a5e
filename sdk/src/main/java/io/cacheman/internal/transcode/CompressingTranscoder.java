package io.cacheman.internal.transcode;

import io.cacheman.CacheTranscodingException;
import io.cacheman.CachedData;
import io.cacheman.Transcoder;
import java.util.Objects;

/**
 * Gzips what {@code inner} encodes when it is at least {@code threshold} bytes and gzip makes it
 * smaller, marking it with {@link Flags#COMPRESSED}; decoding undoes that before {@code inner}
 * sees the value. {@code inner} must leave that flag bit alone.
 */
public final class CompressingTranscoder<T> implements Transcoder<T>, Bounded<T> {
  private final Transcoder<T> inner;
  private final int threshold;
  private final int maxValueSize;

  /** As {@link io.cacheman.Transcoders#compressing} documents it. */
  public CompressingTranscoder(Transcoder<T> inner, int threshold) {
    this(inner, threshold, DEFAULT_MAX_VALUE_SIZE);
  }

  private CompressingTranscoder(Transcoder<T> inner, int threshold, int maxValueSize) {
    this.inner = Objects.requireNonNull(inner, "inner");
    if (threshold < 0) {
      throw new IllegalArgumentException("compression threshold must be 0 (never) or more, was " + threshold);
    }
    this.threshold = threshold;
    this.maxValueSize = maxValueSize;
  }

  @Override
  public Transcoder<T> withMaxValueSize(int bytes) {
    return new CompressingTranscoder<>(Bounded.bound(inner, bytes), threshold, bytes);
  }

  @Override
  public CachedData encode(T value) {
    CachedData plain = inner.encode(value);
    if ((plain.flags() & Flags.COMPRESSED) != 0) {
      throw new CacheTranscodingException(inner + " set flag bit " + Flags.hex(Flags.COMPRESSED)
          + ", which compression uses; it cannot be wrapped in Transcoders.compressing()");
    }
    return maybeCompress(plain, threshold);
  }

  @Override
  public T decode(CachedData data) {
    if ((data.flags() & Flags.COMPRESSED) == 0) {
      return inner.decode(data);
    }
    return inner.decode(new CachedData(data.flags() & ~Flags.COMPRESSED, Gzip.decompress(data.data(), maxValueSize)));
  }

  /** {@code plain} gzipped and flagged when it is at least {@code threshold} (> 0) bytes and that makes it smaller. */
  static CachedData maybeCompress(CachedData plain, int threshold) {
    if (threshold == 0 || plain.data().length < threshold) {
      return plain;
    }
    byte[] compressed = Gzip.compress(plain.data());
    return compressed == null ? plain : new CachedData(plain.flags() | Flags.COMPRESSED, compressed);
  }

  @Override
  public String toString() {
    return "Transcoders.compressing(" + inner + ", " + threshold + ")";
  }
}
