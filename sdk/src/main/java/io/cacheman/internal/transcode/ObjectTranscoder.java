package io.cacheman.internal.transcode;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.cacheman.CacheTranscodingException;
import io.cacheman.CachedData;
import io.cacheman.Transcoder;
import java.io.Serializable;

/**
 * The default transcoder: String, byte[], Long and Integer (as decimal text, so {@code incr}
 * works), any other Serializable through the filtered {@link JavaSerializer}; values of at least
 * the threshold are gzipped when that helps (numbers never are: {@code incr} must see digits).
 */
public final class ObjectTranscoder implements Transcoder<Object>, Bounded<Object> {
  private final int compressionThreshold;
  private final JavaSerializer serializer;
  private final String pattern;
  private final int maxValueSize;

  /** As {@link io.cacheman.Transcoders#objects} documents it. */
  public ObjectTranscoder(int compressionThreshold, String filterPattern) {
    this(compressionThreshold, filterPattern, DEFAULT_MAX_VALUE_SIZE);
  }

  private ObjectTranscoder(int compressionThreshold, String filterPattern, int maxValueSize) {
    if (compressionThreshold < 0) {
      throw new IllegalArgumentException(
          "compression threshold must be 0 (never) or more, was " + compressionThreshold);
    }
    this.compressionThreshold = compressionThreshold;
    this.serializer = new JavaSerializer(filterPattern);
    this.pattern = filterPattern;
    this.maxValueSize = maxValueSize;
  }

  @Override
  public Transcoder<Object> withMaxValueSize(int bytes) {
    return new ObjectTranscoder(compressionThreshold, pattern, bytes);
  }

  @Override
  public CachedData encode(Object value) {
    if (value instanceof String s) {
      return CompressingTranscoder.maybeCompress(new CachedData(Flags.STRING, s.getBytes(UTF_8)), compressionThreshold);
    }
    if (value instanceof byte[] b) {
      return CompressingTranscoder.maybeCompress(new CachedData(Flags.BYTES, b), compressionThreshold);
    }
    if (value instanceof Long l) {
      return new CachedData(Flags.LONG, Text.decimal(l));
    }
    if (value instanceof Integer i) {
      return new CachedData(Flags.INTEGER, Text.decimal(i));
    }
    if (value instanceof Serializable) {
      return CompressingTranscoder.maybeCompress(
          new CachedData(Flags.SERIALIZED, serializer.serialize(value)), compressionThreshold);
    }
    throw new CacheTranscodingException("cannot store a " + (value == null ? "null" : value.getClass().getName())
        + ": it is not a String, byte[], Long, Integer or Serializable; pass a Transcoder for it");
  }

  @Override
  public Object decode(CachedData data) {
    int flags = data.flags();
    byte[] bytes = data.data();
    if ((flags & Flags.COMPRESSED) != 0) {
      flags &= ~Flags.COMPRESSED;
      requireKnown(flags, data.flags());
      bytes = Gzip.decompress(bytes, maxValueSize);
    }
    return switch (flags) {
      case Flags.STRING -> Text.decodeUtf8(bytes);
      case Flags.BYTES -> bytes;
      case Flags.LONG -> Text.parseDecimal(bytes, "Long");
      case Flags.INTEGER -> toInt(Text.parseDecimal(bytes, "Integer"));
      case Flags.SERIALIZED -> serializer.deserialize(bytes);
      default -> throw unknown(data.flags());
    };
  }

  private static Integer toInt(long value) {
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new CacheTranscodingException("value " + value + " was stored as an Integer but no longer fits an int"
          + " (incremented past " + Integer.MAX_VALUE + "?); store counters as Long");
    }
    return (int) value;
  }

  private static void requireKnown(int flags, int original) {
    if (flags != Flags.STRING && flags != Flags.BYTES && flags != Flags.LONG && flags != Flags.INTEGER
        && flags != Flags.SERIALIZED) {
      throw unknown(original);
    }
  }

  private static CacheTranscodingException unknown(int flags) {
    return new CacheTranscodingException("unknown flags " + Flags.hex(flags)
        + ": the value was not written by a Cacheman transcoder; read it with Transcoders.bytes()");
  }

  @Override
  public String toString() {
    return "Transcoders.objects(" + compressionThreshold + ", \"" + pattern + "\")";
  }
}
