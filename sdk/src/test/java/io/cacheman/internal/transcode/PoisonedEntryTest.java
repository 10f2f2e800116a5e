package io.cacheman.internal.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.CacheTranscodingException;
import io.cacheman.CachedData;
import io.cacheman.Transcoder;
import io.cacheman.Transcoders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A value in the cache is network input: whoever can write to a node can plant bytes. A class
 * outside the allow-list must fail to decode without ever running its code.
 */
class PoisonedEntryTest {
  private static final String DEFAULT_FILTER = "java.base/*;!*";

  static volatile boolean constructorRan;
  static volatile boolean readObjectRan;

  /** Deserialization runs the no-argument constructor of the first non-serializable superclass. */
  static class Base {
    Base() {
      constructorRan = true;
    }
  }

  /** Stands for a gadget class: reading one would run attacker-chosen code. */
  static final class Gadget extends Base implements Serializable {
    private static final long serialVersionUID = 1L;
    final String command = "rm -rf /";

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      readObjectRan = true;
      in.defaultReadObject();
    }
  }

  private static byte[] serialize(Object o) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    return bytes.toByteArray();
  }

  private byte[] gadget;

  @BeforeEach
  void plant() throws IOException {
    gadget = serialize(new Gadget());
    constructorRan = false;
    readObjectRan = false;
  }

  private static void assertRefused(Transcoder<?> transcoder, int flags, byte[] data, String rejectedWhat) {
    CacheTranscodingException e = assertThrows(CacheTranscodingException.class,
        () -> transcoder.decode(new CachedData(flags, data)));
    assertTrue(e.getMessage().startsWith("refused to deserialize " + rejectedWhat + ": not allowed by the "
        + "serialization filter"), e.getMessage());
    assertFalse(constructorRan, "a constructor of the refused class ran");
    assertFalse(readObjectRan, "readObject of the refused class ran");
  }

  @Test
  void aGadgetIsRefusedWithoutRunningAnyOfItsCode() {
    assertRefused(Transcoders.objects(0, DEFAULT_FILTER), Flags.SERIALIZED, gadget, Gadget.class.getName());
    assertRefused(Transcoders.serializable(DEFAULT_FILTER), Flags.SERIALIZED, gadget, Gadget.class.getName());
  }

  @Test
  void theMessageNamesTheClassAndThePattern() {
    CacheTranscodingException e = assertThrows(CacheTranscodingException.class,
        () -> Transcoders.objects(0, DEFAULT_FILTER).decode(new CachedData(Flags.SERIALIZED, gadget)));
    assertEquals("refused to deserialize " + Gadget.class.getName() + ": not allowed by the serialization filter "
        + "\"java.base/*;!*\" (cacheman.serialization.filter)", e.getMessage());
  }

  @Test
  void aGadgetInsideAnAllowedCollectionIsRefusedToo() throws IOException {
    byte[] wrapped = serialize(new ArrayList<Object>(List.of("harmless", new Gadget())));
    constructorRan = false;
    assertRefused(Transcoders.objects(0, DEFAULT_FILTER), Flags.SERIALIZED, wrapped, Gadget.class.getName());
  }

  @Test
  void aCompressedGadgetIsRefusedToo() throws IOException {
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
      out.write(gadget); // small values do not shrink, so Gzip.compress would decline: gzip it anyway
    }
    byte[] gz = gzipped.toByteArray();
    assertRefused(Transcoders.objects(0, DEFAULT_FILTER), Flags.SERIALIZED | Flags.COMPRESSED, gz,
        Gadget.class.getName());
  }

  @Test
  void aPatternThatForgetsTheFinalDenyStillDeniesWhatItDoesNotName() {
    assertRefused(Transcoders.objects(0, "java.base/*"), Flags.SERIALIZED, gadget, Gadget.class.getName());
  }

  @Test
  void allowingTheClassLetsItThrough() {
    // The control: the same bytes do decode, and do run the class's code, once the pattern allows it.
    Object decoded = Transcoders.objects(0, "io.cacheman.internal.transcode.*;java.base/*;!*")
        .decode(new CachedData(Flags.SERIALIZED, gadget));
    assertTrue(decoded instanceof Gadget);
    assertTrue(constructorRan && readObjectRan);
  }

  @Test
  void aForgedHugeArrayIsRefusedBeforeItIsAllocated() throws IOException {
    byte[] data = serialize(new long[] {0x0102030405060708L});
    // The array's length (a big-endian int 1) sits just before its 8 data bytes at the end.
    int at = data.length - 8 - 4;
    assertEquals(1, data[at + 3]);
    data[at] = 0x3f;
    data[at + 1] = (byte) 0xff;
    data[at + 2] = (byte) 0xff;
    data[at + 3] = (byte) 0xff;
    assertRefused(Transcoders.objects(0, DEFAULT_FILTER), Flags.SERIALIZED, data,
        "an array of 1073741823 elements of long in " + data.length + " bytes");
  }

  @Test
  void deepNestingIsRefused() throws IOException {
    Object deep = "bottom";
    for (int i = 0; i < AllowListFilter.MAX_DEPTH + 10; i++) {
      deep = new Object[] {deep};
    }
    assertRefused(Transcoders.objects(0, DEFAULT_FILTER), Flags.SERIALIZED, serialize(deep),
        "a graph deeper than 100 or with more objects than bytes");
    Object shallow = "bottom";
    for (int i = 0; i < 50; i++) {
      shallow = new Object[] {shallow};
    }
    Object decoded = Transcoders.objects(0, DEFAULT_FILTER).decode(new CachedData(Flags.SERIALIZED, serialize(shallow)));
    assertTrue(decoded instanceof Object[]);
  }
}
