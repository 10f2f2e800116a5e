package io.cacheman.internal.transcode;

import io.cacheman.CacheTranscodingException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * gzip (RFC 1952) over pooled {@link Deflater}s and {@link Inflater}s: native zlib state is costly
 * to create, so a few are kept for reuse instead of one per call. Output is exactly what
 * {@link java.util.zip.GZIPOutputStream} writes, and what spymemcached reads. Thread-safe.
 */
public final class Gzip {
  /** Deflate cannot expand data more than about 1032 times; a larger claim is a lie. */
  private static final long MAX_RATIO = 1032;
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0};
  private static final int TRAILER = 8;
  private static final int POOL_SIZE = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
  private static final ArrayBlockingQueue<Deflater> DEFLATERS = new ArrayBlockingQueue<>(POOL_SIZE);
  private static final ArrayBlockingQueue<Inflater> INFLATERS = new ArrayBlockingQueue<>(POOL_SIZE);
  private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private Gzip() {}

  /** {@code data} gzip-compressed, or {@code null} when that would not make it smaller. */
  public static byte[] compress(byte[] data) {
    int limit = data.length - TRAILER; // the deflated body must end before this for a gain
    if (limit <= HEADER.length) {
      return null;
    }
    byte[] out = new byte[data.length];
    System.arraycopy(HEADER, 0, out, 0, HEADER.length);
    int n = HEADER.length;
    Deflater deflater = borrowDeflater();
    try {
      deflater.setInput(data);
      deflater.finish();
      while (!deflater.finished()) {
        if (n >= limit) {
          return null;
        }
        n += deflater.deflate(out, n, limit - n);
      }
    } finally {
      release(deflater);
    }
    CRC32 crc = new CRC32();
    crc.update(data);
    INT_LE.set(out, n, (int) crc.getValue());
    INT_LE.set(out, n + 4, data.length);
    return Arrays.copyOf(out, n + TRAILER);
  }

  /**
   * The data inside {@code gz}, which must be one well-formed gzip member whose CRC and length check out
   * and that inflates to at most {@code maxBytes}, else {@link CacheTranscodingException}: nothing is
   * inflated (or allocated) before the claimed size is checked, and the size is checked again as it inflates.
   */
  public static byte[] decompress(byte[] gz, int maxBytes) {
    int bodyStart = bodyStart(gz);
    int bodyEnd = gz.length - TRAILER;
    long size = (int) INT_LE.get(gz, gz.length - 4) & 0xffffffffL;
    if (size > maxBytes) {
      throw new CacheTranscodingException("compressed value refused: it inflates to " + size + " bytes, more than "
          + "the " + maxBytes + "-byte limit (cacheman.max-value-size)");
    }
    if (size > (bodyEnd - bodyStart) * MAX_RATIO + 1024) {
      throw corrupt("it claims " + size + " bytes uncompressed, more than a " + gz.length + "-byte gzip can hold");
    }
    byte[] out = new byte[(int) size];
    Inflater inflater = borrowInflater();
    try {
      inflater.setInput(gz, bodyStart, bodyEnd - bodyStart);
      int n = 0;
      while (n < out.length) {
        int k = inflater.inflate(out, n, out.length - n);
        if (k == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        n += k;
      }
      if (!inflater.finished() && inflater.inflate(new byte[1]) > 0) {
        n++;
      }
      if (n != out.length || !inflater.finished() || inflater.getRemaining() != 0) {
        throw corrupt("its length does not match its trailer");
      }
    } catch (DataFormatException e) {
      throw new CacheTranscodingException("corrupt compressed value: " + e.getMessage(), e);
    } finally {
      release(inflater);
    }
    CRC32 crc = new CRC32();
    crc.update(out);
    if ((int) crc.getValue() != (int) INT_LE.get(gz, gz.length - TRAILER)) {
      throw corrupt("its CRC does not match");
    }
    return out;
  }

  /** Where the deflate body starts, past the optional header fields of RFC 1952 §2.3. */
  private static int bodyStart(byte[] gz) {
    if (gz.length < HEADER.length + 2 + TRAILER || gz[0] != 0x1f || gz[1] != (byte) 0x8b || gz[2] != 8) {
      throw corrupt("it does not start with a gzip header");
    }
    int flags = gz[3] & 0xff;
    if ((flags & 0xe0) != 0) {
      throw corrupt("its header has reserved flags set");
    }
    int pos = HEADER.length;
    if ((flags & 0x04) != 0) { // FEXTRA
      pos += 2 + ((gz[pos] & 0xff) | (gz[pos + 1] & 0xff) << 8);
    }
    for (int zeroTerminated : new int[] {0x08, 0x10}) { // FNAME, FCOMMENT
      if ((flags & zeroTerminated) != 0) {
        while (pos < gz.length && gz[pos] != 0) {
          pos++;
        }
        pos++;
      }
    }
    if ((flags & 0x02) != 0) { // FHCRC
      pos += 2;
    }
    if (pos > gz.length - TRAILER) {
      throw corrupt("its header runs past the end");
    }
    return pos;
  }

  private static CacheTranscodingException corrupt(String why) {
    return new CacheTranscodingException("corrupt compressed value: " + why);
  }

  private static Deflater borrowDeflater() {
    Deflater d = DEFLATERS.poll();
    if (d == null) {
      return new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    }
    d.reset();
    return d;
  }

  private static Inflater borrowInflater() {
    Inflater i = INFLATERS.poll();
    if (i == null) {
      return new Inflater(true);
    }
    i.reset();
    return i;
  }

  private static void release(Deflater d) {
    if (!DEFLATERS.offer(d)) {
      d.end(); // pool full: free the native memory now rather than at garbage collection
    }
  }

  private static void release(Inflater i) {
    if (!INFLATERS.offer(i)) {
      i.end();
    }
  }
}
