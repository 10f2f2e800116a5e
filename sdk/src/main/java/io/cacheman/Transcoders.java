package io.cacheman;

import io.cacheman.internal.transcode.BytesTranscoder;
import io.cacheman.internal.transcode.CompressingTranscoder;
import io.cacheman.internal.transcode.ObjectTranscoder;
import io.cacheman.internal.transcode.SerializingTranscoder;
import io.cacheman.internal.transcode.StringTranscoder;
import java.io.Serializable;

/**
 * The built-in {@link Transcoder}s. All are immutable and thread-safe.
 *
 * <pre>{@code
 * Transcoder<String> text = Transcoders.string();
 * assert text.encode("héllo").flags() == 0;                        // what every client reads as text
 * assert text.decode(text.encode("héllo")).equals("héllo");
 * Transcoder<Object> objects = Transcoders.objects(16384, "java.base/*;!*");
 * assert objects.decode(objects.encode(42L)).equals(42L);          // stored as "42": incr works on it
 * }</pre>
 *
 * <h2>Flags</h2>
 * The type of a value travels in the item's 32-bit flags:
 * <table>
 *   <caption>Flag values</caption>
 *   <tr><th>flags</th><th>value</th><th>bytes</th></tr>
 *   <tr><td>{@code 0x0000}</td><td>{@code String}</td><td>UTF-8</td></tr>
 *   <tr><td>{@code 0x0001}</td><td>{@code Serializable}</td><td>Java serialization</td></tr>
 *   <tr><td>{@code 0x0800}</td><td>{@code byte[]}</td><td>as is</td></tr>
 *   <tr><td>{@code 0x2000}</td><td>{@code Long}</td><td>decimal ASCII ({@code -42})</td></tr>
 *   <tr><td>{@code 0x2100}</td><td>{@code Integer}</td><td>decimal ASCII</td></tr>
 *   <tr><td>{@code | 0x0002}</td><td>any of the above, compressed</td><td>gzip (RFC 1952) of the bytes above</td></tr>
 * </table>
 * Bit 0 (serialized), bit 1 (compressed, gzip) and the byte[] code mean what they mean to
 * spymemcached's {@code SerializingTranscoder}, so strings, byte arrays and serialized objects pass
 * between the two clients. Bits 8-15 hold the type code of non-serialized values; every other bit is 0. A value
 * whose flags fit none of these rows does not decode: it was written by some other client.
 *
 * <h2>Safety</h2>
 * Decoding never trusts the bytes. Unknown flags, malformed UTF-8, a number that is not decimal,
 * gzip whose CRC or length does not check out, and serialized data naming a class the filter does
 * not allow all fail with {@link CacheTranscodingException}. A class the filter rejects is never
 * instantiated: neither its constructor nor its {@code readObject} runs.
 */
public final class Transcoders {
  private Transcoders() {}

  /** Strings as UTF-8 with flags 0, readable by every memcached client; decodes decimal numbers as text too. */
  public static Transcoder<String> string() {
    return StringTranscoder.INSTANCE;
  }

  /**
   * Byte arrays as they are (flags {@code 0x0800}). Decoding returns the stored bytes whatever the
   * flags, so it reads any client's value raw; a compressed byte[] ({@code 0x0802}) is decompressed.
   */
  public static Transcoder<byte[]> bytes() {
    return BytesTranscoder.INSTANCE;
  }

  /**
   * Java serialization (flags {@code 0x0001}). Decoding admits only the classes that
   * {@code filterPattern} allows (a {@link java.io.ObjectInputFilter.Config#createFilter} pattern
   * such as {@code java.base/*;com.example.model.*;!*}); a class it does not mention is rejected
   * too. Depth, object count and array sizes are limited as well.
   *
   * @throws IllegalArgumentException when {@code filterPattern} is blank or not a valid pattern
   */
  public static <T extends Serializable> Transcoder<T> serializable(String filterPattern) {
    return new SerializingTranscoder<>(filterPattern);
  }

  /**
   * The default transcoder of a client: {@code String} (flags 0), {@code byte[]}, {@code Long} and
   * {@code Integer} as decimal text (so {@code incr}/{@code decr} work on them), and any other
   * {@code Serializable} through the filtered serializer of {@link #serializable}. Values of at
   * least {@code compressionThreshold} bytes are gzipped when that makes them smaller; numbers
   * never are.
   *
   * @param compressionThreshold bytes; 0 = never compress
   * @throws IllegalArgumentException for a negative threshold or an invalid filter pattern
   */
  public static Transcoder<Object> objects(int compressionThreshold, String filterPattern) {
    return new ObjectTranscoder(compressionThreshold, filterPattern);
  }

  /**
   * {@code inner}, with values of at least {@code threshold} bytes gzipped when that makes them
   * smaller (flag bit {@code 0x0002}, which {@code inner} must not use itself).
   *
   * @param threshold bytes; 0 = never compress
   * @throws IllegalArgumentException for a negative threshold
   */
  public static <T> Transcoder<T> compressing(Transcoder<T> inner, int threshold) {
    return new CompressingTranscoder<>(inner, threshold);
  }
}
