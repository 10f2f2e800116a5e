package io.cacheman;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Round trips, the flags each type gets, and what bad data does. */
class TranscodersTest {
  private static final String JDK_ONLY = "java.base/*;!*";
  private static final Transcoder<Object> objects = Transcoders.objects(1024, JDK_ONLY);

  private static <T> T roundTrip(Transcoder<T> transcoder, T value) {
    return transcoder.decode(transcoder.encode(value));
  }

  private static String failure(Transcoder<?> transcoder, int flags, byte[] data) {
    return assertThrows(CacheTranscodingException.class, () -> transcoder.decode(new CachedData(flags, data)))
        .getMessage();
  }

  private static byte[] compressible(int size) {
    return "the quick brown fox jumps over the lazy dog. ".repeat(size / 45 + 1).substring(0, size).getBytes(UTF_8);
  }

  private static byte[] random(int size) {
    byte[] b = new byte[size];
    new Random(42).nextBytes(b);
    return b;
  }

  @Test
  void stringsAreUtf8WithFlagsZero() {
    CachedData d = Transcoders.string().encode("héllo 😀");
    assertEquals(0, d.flags());
    assertArrayEquals("héllo 😀".getBytes(UTF_8), d.data());
    assertEquals("héllo 😀", roundTrip(Transcoders.string(), "héllo 😀"));
    assertEquals("", roundTrip(Transcoders.string(), ""));
  }

  @Test
  void bytesAreStoredAsTheyAre() {
    CachedData d = Transcoders.bytes().encode(new byte[] {1, 2, 3});
    assertEquals(0x0800, d.flags());
    assertArrayEquals(new byte[] {1, 2, 3}, d.data());
    assertArrayEquals(new byte[0], roundTrip(Transcoders.bytes(), new byte[0]));
    // Any other client's value reads raw.
    assertArrayEquals("x".getBytes(UTF_8), Transcoders.bytes().decode(new CachedData(0x1234, "x".getBytes(UTF_8))));
  }

  @Test
  void objectsGiveEachTypeItsFlags() {
    assertEquals(0x0000, objects.encode("s").flags());
    assertEquals(0x0800, objects.encode(new byte[] {1}).flags());
    assertEquals(0x2000, objects.encode(42L).flags());
    assertEquals(0x2100, objects.encode(7).flags());
    assertEquals(0x0001, objects.encode(Duration.ofSeconds(3)).flags());
    assertEquals("42", new String(objects.encode(42L).data(), UTF_8));
    assertEquals("-7", new String(objects.encode(-7).data(), UTF_8));
  }

  @Test
  void objectsRoundTripEveryType() {
    assertEquals("text", roundTrip(objects, "text"));
    assertEquals("", roundTrip(objects, ""));
    assertArrayEquals(new byte[0], (byte[]) roundTrip(objects, new byte[0]));
    assertEquals(Long.MIN_VALUE, roundTrip(objects, Long.MIN_VALUE));
    assertEquals(Long.MAX_VALUE, roundTrip(objects, Long.MAX_VALUE));
    assertEquals(Integer.MIN_VALUE, roundTrip(objects, Integer.MIN_VALUE));
    assertEquals(0, roundTrip(objects, 0));
    Map<String, List<Duration>> map = new TreeMap<>(Map.of("a", new ArrayList<>(List.of(Duration.ofMillis(5)))));
    assertEquals(map, roundTrip(objects, map));
    assertEquals(new ArrayList<>(), roundTrip(objects, new ArrayList<>()));
  }

  @Test
  void numbersAreWhatIncrAndDecrLeaveBehind() {
    // memcached pads in place with spaces when decr shortens a number.
    assertEquals(9L, objects.decode(new CachedData(0x2000, "9 ".getBytes(UTF_8))));
    assertEquals(9, objects.decode(new CachedData(0x2100, "9  ".getBytes(UTF_8))));
    // incr wraps at 2^64: the unsigned value comes back with the same 64 bits.
    assertEquals(-1L, objects.decode(new CachedData(0x2000, "18446744073709551615".getBytes(UTF_8))));
    assertEquals("value 2147483648 was stored as an Integer but no longer fits an int (incremented past "
        + "2147483647?); store counters as Long", failure(objects, 0x2100, "2147483648".getBytes(UTF_8)));
    assertEquals("corrupt Long value: \"4x2\" is not a decimal number", failure(objects, 0x2000, "4x2".getBytes(UTF_8)));
    assertEquals("12", Transcoders.string().decode(objects.encode(12L)), "digits are text too");
  }

  @Test
  void largeCompressibleValuesAreGzipped() {
    byte[] big = compressible(100_000);
    CachedData d = objects.encode(big);
    assertEquals(0x0802, d.flags());
    assertTrue(d.data().length < big.length / 10, "compressed to " + d.data().length);
    assertArrayEquals(big, (byte[]) objects.decode(d));
    assertArrayEquals(big, Transcoders.bytes().decode(d));

    String text = new String(compressible(50_000), UTF_8);
    CachedData s = objects.encode(text);
    assertEquals(0x0002, s.flags());
    assertEquals(text, objects.decode(s));
    assertEquals(text, Transcoders.string().decode(s));

    ArrayList<String> list = new ArrayList<>(java.util.Collections.nCopies(2000, "same string again"));
    CachedData o = objects.encode(list);
    assertEquals(0x0003, o.flags());
    assertEquals(list, objects.decode(o));
  }

  @Test
  void incompressibleOrSmallValuesStayPlain() {
    byte[] noise = random(100_000);
    CachedData d = objects.encode(noise);
    assertEquals(0x0800, d.flags());
    assertArrayEquals(noise, d.data());
    assertEquals(0x0800, objects.encode(compressible(1023)).flags(), "below the threshold");
    assertEquals(0x0800, Transcoders.objects(0, JDK_ONLY).encode(compressible(100_000)).flags(), "0 = never");
    assertEquals(0x2000, Transcoders.objects(1, JDK_ONLY).encode(11111111111111111L).flags(), "numbers never");
  }

  @Test
  void compressingWrapsAnyTranscoder() {
    Transcoder<String> gz = Transcoders.compressing(Transcoders.string(), 100);
    String text = new String(compressible(10_000), UTF_8);
    CachedData d = gz.encode(text);
    assertEquals(0x0002, d.flags());
    assertEquals(text, gz.decode(d));
    assertEquals(0, gz.encode("short").flags());
    assertEquals("short", gz.decode(gz.encode("short")));
    assertEquals("", gz.decode(gz.encode("")));
  }

  @Test
  void compressingRefusesAnInnerTranscoderThatUsesItsBit() {
    Transcoder<String> clash = new Transcoder<>() {
      public CachedData encode(String value) {
        return new CachedData(0x2, value.getBytes(UTF_8));
      }

      public String decode(CachedData data) {
        return new String(data.data(), UTF_8);
      }
    };
    assertThrows(CacheTranscodingException.class, () -> Transcoders.compressing(clash, 1).encode("x"));
  }

  @Test
  void unknownFlagsAreRefused() {
    assertEquals("unknown flags 0x10: the value was not written by a Cacheman transcoder; read it with "
        + "Transcoders.bytes()", failure(objects, 0x10, new byte[] {1}));
    assertEquals("unknown flags 0x12: the value was not written by a Cacheman transcoder; read it with "
        + "Transcoders.bytes()", failure(objects, 0x12, new byte[] {1}));
    assertEquals("not a string: flags 0x800 mark another type; read it with Transcoders.objects() or "
        + "Transcoders.bytes()", failure(Transcoders.string(), 0x800, new byte[] {1}));
    assertEquals("not a serialized object: flags 0x0 (expected 0x1)",
        failure(Transcoders.serializable(JDK_ONLY), 0, new byte[] {1}));
  }

  @Test
  void corruptBytesAreRefused() {
    byte[] notUtf8 = {'a', (byte) 0xc3, '('};
    assertEquals("corrupt string value: its 3 bytes are not UTF-8", failure(objects, 0, notUtf8));
    assertEquals("corrupt string value: its 3 bytes are not UTF-8", failure(Transcoders.string(), 0, notUtf8));
    assertEquals("corrupt compressed value: it does not start with a gzip header",
        failure(objects, 0x0802, "definitely not gzip at all".getBytes(UTF_8)));
    assertTrue(failure(objects, 0x0001, "not java serialization".getBytes(UTF_8))
        .startsWith("corrupt serialized value (22 bytes): java.io.StreamCorruptedException"));
    byte[] serialized = objects.encode(new ArrayList<>(List.of("a", "b"))).data();
    byte[] truncated = java.util.Arrays.copyOf(serialized, serialized.length - 3);
    assertTrue(failure(objects, 0x0001, truncated).startsWith("corrupt serialized value"));
  }

  @Test
  void valuesThatCannotBeStored() {
    assertEquals("cannot store a java.lang.Thread: it is not a String, byte[], Long, Integer or Serializable; "
        + "pass a Transcoder for it",
        assertThrows(CacheTranscodingException.class, () -> objects.encode(Thread.currentThread())).getMessage());
    ArrayList<Object> holdsAThread = new ArrayList<>(List.of(Thread.currentThread()));
    assertEquals("cannot serialize a java.util.ArrayList: java.lang.Thread (inside it) is not Serializable",
        assertThrows(CacheTranscodingException.class, () -> objects.encode(holdsAThread)).getMessage());
  }

  @Test
  void badSettingsFailAtConstruction() {
    assertThrows(IllegalArgumentException.class, () -> Transcoders.objects(-1, JDK_ONLY));
    assertThrows(IllegalArgumentException.class, () -> Transcoders.objects(0, " "));
    assertThrows(IllegalArgumentException.class, () -> Transcoders.serializable("maxdepth=oops"));
    assertThrows(IllegalArgumentException.class, () -> Transcoders.compressing(Transcoders.string(), -5));
  }

  @Property(tries = 300)
  void anyStringRoundTrips(@ForAll String s) {
    // Strings without unpaired surrogates (those become '?', as String.getBytes does).
    String valid = new String(s.getBytes(UTF_8), UTF_8);
    assertEquals(valid, roundTrip(objects, valid));
    assertEquals(valid, roundTrip(Transcoders.compressing(Transcoders.string(), 1), valid));
  }

  @Property(tries = 300)
  void anyBytesRoundTrip(@ForAll byte[] b) {
    assertArrayEquals(b, (byte[]) roundTrip(Transcoders.objects(1, JDK_ONLY), b));
  }

  @Property(tries = 300)
  void anyLongRoundTrips(@ForAll long n) {
    assertEquals(n, roundTrip(objects, n));
  }
}
