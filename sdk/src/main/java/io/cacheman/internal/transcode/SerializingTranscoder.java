package io.cacheman.internal.transcode;

import io.cacheman.CacheTranscodingException;
import io.cacheman.CachedData;
import io.cacheman.Transcoder;
import java.io.Serializable;

/**
 * Java serialization with flags {@link Flags#SERIALIZED}; decoding runs behind the allow-list of
 * {@link JavaSerializer}. The decoded object is not checked against {@code T} (erased): a caller
 * that stored another type under the key gets a {@link ClassCastException} at its use.
 */
public final class SerializingTranscoder<T extends Serializable> implements Transcoder<T> {
  private final JavaSerializer serializer;
  private final String pattern;

  /** As {@link io.cacheman.Transcoders#serializable} documents it. */
  public SerializingTranscoder(String filterPattern) {
    this.serializer = new JavaSerializer(filterPattern);
    this.pattern = filterPattern;
  }

  @Override
  public CachedData encode(T value) {
    return new CachedData(Flags.SERIALIZED, serializer.serialize(value));
  }

  @Override
  @SuppressWarnings("unchecked")
  public T decode(CachedData data) {
    if (data.flags() != Flags.SERIALIZED) {
      throw new CacheTranscodingException("not a serialized object: flags " + Flags.hex(data.flags())
          + " (expected " + Flags.hex(Flags.SERIALIZED) + ")");
    }
    return (T) serializer.deserialize(data.data());
  }

  @Override
  public String toString() {
    return "Transcoders.serializable(\"" + pattern + "\")";
  }
}
