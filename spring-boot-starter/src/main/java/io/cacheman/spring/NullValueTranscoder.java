package io.cacheman.spring;

import io.cacheman.CachedData;
import io.cacheman.Transcoder;
import org.springframework.cache.support.NullValue;

/**
 * The client's transcoder, plus Spring's marker for a cached {@code null}: an empty value with
 * flags {@code 0x7e00}, a type code no built-in transcoder uses, so the marker needs no Java
 * serialization and no entry in {@code cacheman.serialization.filter}.
 */
final class NullValueTranscoder implements Transcoder<Object> {
  static final int NULL_FLAGS = 0x7e00;
  private static final byte[] EMPTY = new byte[0];

  private final Transcoder<Object> values;

  NullValueTranscoder(Transcoder<Object> values) {
    this.values = values;
  }

  @Override
  public CachedData encode(Object value) {
    return value instanceof NullValue ? new CachedData(NULL_FLAGS, EMPTY) : values.encode(value);
  }

  @Override
  public Object decode(CachedData data) {
    return data.flags() == NULL_FLAGS && data.data().length == 0 ? NullValue.INSTANCE : values.decode(data);
  }
}
