package io.cacheman.internal.transcode;

import io.cacheman.CachedData;
import io.cacheman.Transcoder;

/**
 * byte arrays as they are, flags {@link Flags#BYTES} (spymemcached's byte[] code). Decoding
 * returns the stored bytes whatever the flags, so it reads any client's values raw; only a
 * compressed byte[] ({@code BYTES | COMPRESSED}) is decompressed first.
 */
public final class BytesTranscoder implements Transcoder<byte[]>, Bounded<byte[]> {
  public static final BytesTranscoder INSTANCE = new BytesTranscoder(DEFAULT_MAX_VALUE_SIZE);

  private final int maxValueSize;

  private BytesTranscoder(int maxValueSize) {
    this.maxValueSize = maxValueSize;
  }

  @Override
  public Transcoder<byte[]> withMaxValueSize(int bytes) {
    return new BytesTranscoder(bytes);
  }

  @Override
  public CachedData encode(byte[] value) {
    return new CachedData(Flags.BYTES, value);
  }

  @Override
  public byte[] decode(CachedData data) {
    return data.flags() == (Flags.BYTES | Flags.COMPRESSED) ? Gzip.decompress(data.data(), maxValueSize) : data.data();
  }

  @Override
  public String toString() {
    return "Transcoders.bytes()";
  }
}
