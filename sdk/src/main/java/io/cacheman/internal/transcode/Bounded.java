package io.cacheman.internal.transcode;

import io.cacheman.Transcoder;

/**
 * A built-in transcoder that inflates compressed values, and so has a largest value it will
 * produce. Standalone it is {@link #DEFAULT_MAX_VALUE_SIZE}; a client installs it with its own
 * {@code cacheman.max-value-size}, so a small gzip can never become a huge array on every read.
 */
public interface Bounded<T> {
  /** memcached's default item size limit. */
  int DEFAULT_MAX_VALUE_SIZE = 1024 * 1024;

  /** The same transcoder, producing values of at most {@code maxValueSize} bytes. */
  Transcoder<T> withMaxValueSize(int maxValueSize);

  /** {@code transcoder} bounded to {@code maxValueSize} if it is a built-in one, else as it is. */
  @SuppressWarnings("unchecked")
  static <T> Transcoder<T> bound(Transcoder<T> transcoder, int maxValueSize) {
    return transcoder instanceof Bounded<?> b ? ((Bounded<T>) b).withMaxValueSize(maxValueSize) : transcoder;
  }
}
