package io.cacheman.internal.transcode;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.cacheman.CacheTranscodingException;
import io.cacheman.CachedData;
import io.cacheman.Transcoder;

/**
 * Strings as UTF-8 with flags 0, which every memcached client reads as text. Decodes flags 0, the
 * decimal Long/Integer codes (digits are text too), and their compressed forms. An unpaired
 * surrogate is stored as {@code ?}, as {@link String#getBytes} does.
 */
public final class StringTranscoder implements Transcoder<String>, Bounded<String> {
  public static final StringTranscoder INSTANCE = new StringTranscoder(DEFAULT_MAX_VALUE_SIZE);

  private final int maxValueSize;

  private StringTranscoder(int maxValueSize) {
    this.maxValueSize = maxValueSize;
  }

  @Override
  public Transcoder<String> withMaxValueSize(int bytes) {
    return new StringTranscoder(bytes);
  }

  @Override
  public CachedData encode(String value) {
    return new CachedData(Flags.STRING, value.getBytes(UTF_8));
  }

  @Override
  public String decode(CachedData data) {
    int flags = data.flags();
    byte[] bytes = data.data();
    if ((flags & Flags.COMPRESSED) != 0) {
      flags &= ~Flags.COMPRESSED;
      if (isText(flags)) {
        bytes = Gzip.decompress(bytes, maxValueSize);
      }
    }
    if (!isText(flags)) {
      throw new CacheTranscodingException("not a string: flags " + Flags.hex(data.flags())
          + " mark another type; read it with Transcoders.objects() or Transcoders.bytes()");
    }
    return Text.decodeUtf8(bytes);
  }

  private static boolean isText(int flags) {
    return flags == Flags.STRING || flags == Flags.LONG || flags == Flags.INTEGER;
  }

  @Override
  public String toString() {
    return "Transcoders.string()";
  }
}
