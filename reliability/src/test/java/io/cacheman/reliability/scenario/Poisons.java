package io.cacheman.reliability.scenario;

import io.cacheman.CachedData;
import io.cacheman.Transcoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Hostile values for RELIABILITY §B 17, each as the exact bytes and flags another client (or an
 * attacker with write access to the cache) could store. The flags are those of
 * {@code Transcoders.objects}: serialized {@code 0x0001}, compressed {@code | 0x0002}, byte[]
 * {@code 0x0800}. Write them with {@link #RAW}, which stores a {@link CachedData} as it is.
 */
final class Poisons {
  static final int SERIALIZED = 0x0001;
  static final int COMPRESSED = 0x0002;
  static final int BYTES = 0x0800;

  /** Stores and reads {@link CachedData} untouched: flags and bytes exactly as given. */
  static final Transcoder<CachedData> RAW = new Transcoder<>() {
    @Override
    public CachedData encode(CachedData value) {
      return value;
    }

    @Override
    public CachedData decode(CachedData data) {
      return data;
    }
  };

  private Poisons() {}

  /**
   * A serialized {@code long[]} whose header claims 200,000,000 elements (1.6 GB), followed by
   * zeros up to 200,000,000 bytes, gzipped (~194 KB): whoever believes the header or inflates
   * everything allocates hundreds of MB for a value a fifth of a MB long.
   */
  static CachedData longArrayClaimingTwoHundredMillion() {
    byte[] header = serialize(new long[0]);
    // The stream ends with the array's length (a 4-byte int): 0 for the empty array serialized above.
    ByteBuffer.wrap(header, header.length - 4, 4).putInt(200_000_000);
    return new CachedData(SERIALIZED | COMPRESSED, gzip(header, 200_000_000L - header.length));
  }

  /**
   * A serialized {@code HashMap<URL, String>}: deserializing it hashes the URL, and a URL's hash
   * looks its host up (the "URLDNS" gadget). The host here is an IP literal, so building the
   * payload looks nothing up; the filter must refuse {@code java.net.URL} before any is created.
   */
  static CachedData urlKeyedMap() {
    try {
      HashMap<URL, String> map = new HashMap<>();
      map.put(new URL("http", "127.0.0.1", 1, "/poison"), "value");
      return new CachedData(SERIALIZED, serialize(map));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** 250 MB of zeros gzipped (~254 KB), flagged as a compressed byte[]. */
  static CachedData inflatingTo250Megabytes() {
    return new CachedData(BYTES | COMPRESSED, gzip(new byte[0], 250L << 20));
  }

  /**
   * "SerialDOS" (Wouter Coekaerts): levels of HashSets, each holding the two sets of the next level,
   * so reading it hashes 2^levels sets. 28 levels (~1.6 KB) cost seconds of CPU, far past any
   * deadline, yet end even where nothing stops them (the classic 100 levels never would, and would
   * leave a runaway thread in the test JVM). Only a depth limit stops it early.
   */
  static CachedData nestedSets() {
    Set<Object> root = new HashSet<>();
    Set<Object> s1 = root;
    Set<Object> s2 = new HashSet<>();
    for (int i = 0; i < 28; i++) {
      Set<Object> t1 = new HashSet<>();
      Set<Object> t2 = new HashSet<>();
      t1.add("foo"); // makes t1 and t2 unequal, so each set holds two
      s1.add(t1);
      s1.add(t2);
      s2.add(t1);
      s2.add(t2);
      s1 = t1;
      s2 = t2;
    }
    return new CachedData(SERIALIZED, serialize(root));
  }

  /** A get reply whose VALUE header declares {@code declared} bytes, then {@code sent} of them and silence. */
  static byte[] valueHeader(String key, long declared, int sent) {
    byte[] head = ("VALUE " + key + " 0 " + declared + "\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] reply = Arrays.copyOf(head, head.length + sent);
    Arrays.fill(reply, head.length, reply.length, (byte) 'x');
    return reply;
  }

  private static byte[] serialize(Object o) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** gzip of {@code head} followed by {@code zeros} zero bytes, written 1 MB at a time. */
  private static byte[] gzip(byte[] head, long zeros) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] chunk = new byte[1 << 20];
    try (GZIPOutputStream out = new GZIPOutputStream(bytes, 1 << 16)) {
      out.write(head);
      for (long left = zeros; left > 0; left -= chunk.length) {
        out.write(chunk, 0, (int) Math.min(chunk.length, left));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
