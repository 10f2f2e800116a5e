package io.cacheman.internal.transcode;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.CacheTranscodingException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Our gzip is the JDK's gzip, and broken gzip never decodes. */
class GzipTest {
  private static final byte[] TEXT = "abcabcabc hello hello hello ".repeat(200).getBytes(UTF_8);

  private static String failure(byte[] gz) {
    return assertThrows(CacheTranscodingException.class, () -> Gzip.decompress(gz, Integer.MAX_VALUE)).getMessage();
  }

  @Test
  void theJdkReadsWhatWeWriteAndWeReadWhatItWrites() throws IOException {
    byte[] ours = Gzip.compress(TEXT);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(ours))) {
      assertArrayEquals(TEXT, in.readAllBytes());
    }
    ByteArrayOutputStream jdk = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(jdk)) {
      out.write(TEXT);
    }
    assertArrayEquals(TEXT, Gzip.decompress(jdk.toByteArray(), 1 << 20));
  }

  @Test
  void optionalHeaderFieldsAreSkipped() {
    byte[] plain = Gzip.compress(TEXT);
    byte[] name = "file.txt\0".getBytes(UTF_8);
    byte[] withName = new byte[plain.length + name.length];
    System.arraycopy(plain, 0, withName, 0, 10);
    withName[3] = 0x08; // FNAME
    System.arraycopy(name, 0, withName, 10, name.length);
    System.arraycopy(plain, 10, withName, 10 + name.length, plain.length - 10);
    assertArrayEquals(TEXT, Gzip.decompress(withName, 1 << 20));
  }

  @Test
  void valuesThatDoNotShrinkAreNotCompressed() {
    assertNull(Gzip.compress(new byte[0]));
    assertNull(Gzip.compress("tiny".getBytes(UTF_8)));
    byte[] noise = new byte[4096];
    new java.util.Random(1).nextBytes(noise);
    assertNull(Gzip.compress(noise));
  }

  @Test
  void emptyDataRoundTripsThroughTheJdk() throws IOException {
    ByteArrayOutputStream jdk = new ByteArrayOutputStream();
    new GZIPOutputStream(jdk).close();
    assertArrayEquals(new byte[0], Gzip.decompress(jdk.toByteArray(), 1 << 20));
  }

  @Test
  void corruptionIsDetected() {
    byte[] good = Gzip.compress(TEXT);
    byte[] flipped = good.clone();
    flipped[good.length / 2] ^= 0x55;
    CacheTranscodingException e = assertThrows(CacheTranscodingException.class, () -> Gzip.decompress(flipped, 1 << 20));
    assertEquals(true, e.getMessage().startsWith("corrupt compressed value"), e.getMessage());

    byte[] badCrc = good.clone();
    badCrc[good.length - 8] ^= 1;
    assertEquals("corrupt compressed value: its CRC does not match", failure(badCrc));

    byte[] shortLength = good.clone();
    shortLength[good.length - 4] -= 1;
    assertEquals("corrupt compressed value: its length does not match its trailer", failure(shortLength));

    byte[] truncated = Arrays.copyOf(good, good.length - 20);
    assertEquals(true, failure(truncated).contains("compressed value"), failure(truncated));

    byte[] bomb = good.clone();
    bomb[good.length - 1] = 0x7f; // claims ~2 GB
    assertEquals("corrupt compressed value: it claims " + (0x7f000000L | (TEXT.length & 0xffffff))
        + " bytes uncompressed, more than a " + good.length + "-byte gzip can hold",
        failure(bomb));

    assertEquals("corrupt compressed value: it does not start with a gzip header", failure(new byte[5]));
    byte[] trailing = Arrays.copyOf(good, good.length + 1);
    assertEquals(true, failure(trailing).startsWith("corrupt compressed value"));
  }

  @Test
  void refusesToInflatePastTheLimitBeforeAllocatingAnything() {
    byte[] zeros = new byte[4 << 20];
    byte[] gz = Gzip.compress(zeros);
    CacheTranscodingException e = assertThrows(CacheTranscodingException.class, () -> Gzip.decompress(gz, 1 << 20));
    assertTrue(e.getMessage().contains("inflates to 4194304 bytes, more than the 1048576-byte limit"), e.getMessage());
    assertArrayEquals(zeros, Gzip.decompress(gz, 4 << 20));
  }

  @Property(tries = 200)
  void anyCompressibleDataRoundTrips(@ForAll byte[] data) {
    byte[] repeated = new byte[data.length * 8];
    for (int i = 0; i < 8; i++) {
      System.arraycopy(data, 0, repeated, i * data.length, data.length);
    }
    byte[] gz = Gzip.compress(repeated);
    if (gz != null) {
      assertArrayEquals(repeated, Gzip.decompress(gz, Integer.MAX_VALUE));
    }
  }
}
