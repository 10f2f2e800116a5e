package io.cacheman.server.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.server.Eviction;
import io.cacheman.server.internal.stats.ServerStats;
import io.cacheman.server.internal.store.ItemStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The meta flag parser: memcached's error precedence and what each flag records. */
class MetaFlagsTest {
  private static final long NOW = 1_800_000_000L;
  private final ItemStore store = new ItemStore(1 << 20, 1 << 20, Eviction.LRU,
      Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC), new ServerStats());
  private final CommandLine line = new CommandLine();
  private final MetaFlags flags = new MetaFlags();

  private boolean parse(String command) {
    byte[] b = command.getBytes(StandardCharsets.ISO_8859_1);
    line.tokenize(b, 0, b.length);
    return flags.parse(line, 2, store);
  }

  private void refused(String command, byte[] error) {
    assertFalse(parse(command), command);
    assertArrayEquals(error, flags.error, () -> command + " gave "
        + new String(flags.error, StandardCharsets.US_ASCII));
  }

  @Test
  void recordsWhatEachFlagAsksFor() {
    assertTrue(parse("mg k O1 k s t c f h l P L"));
    assertTrue(parse("mg k v u q I N30 T-1 R40 F7 C99 MD J5 D6"));
    assertTrue(flags.value && flags.noUpdate && flags.noReply && flags.invalidate);
    assertTrue(flags.vivify && flags.hasTtl && flags.hasCas);
    assertEquals(NOW + 30, flags.vivifyExpiry);
    assertEquals(1, flags.ttlExpiry, "a negative TTL is already expired");
    assertEquals(NOW + 40, flags.recacheExpiry);
    assertEquals(7, flags.clientFlags);
    assertEquals(99, flags.cas);
    assertEquals('D', flags.mode);
    assertEquals(5, flags.initial);
    assertEquals(6, flags.delta);
  }

  @Test
  void defaultsWithoutFlags() {
    assertTrue(parse("ma k"));
    assertEquals(1, flags.delta);
    assertEquals(0, flags.initial);
    assertEquals(0, flags.mode);
    assertFalse(flags.hasCas || flags.hasTtl || flags.vivify || flags.keyBinary);
  }

  @Test
  void repeatedFlagsAndHighBytesStopAtOnce() {
    refused("mg k v v", MetaWords.DUPLICATE_FLAG);
    refused("mg k O1 O2", MetaWords.DUPLICATE_FLAG);
    refused("mg k Nx v v", MetaWords.DUPLICATE_FLAG);
    refused("mg k \u007f", MetaWords.DUPLICATE_FLAG);
    refused("mg k \u00e9", MetaWords.DUPLICATE_FLAG);
  }

  @Test
  void unknownFlagsStopAtOnce() {
    refused("mg k z", MetaWords.INVALID_FLAG);
    refused("mg k Nx z", MetaWords.INVALID_FLAG);
    refused("mg k E1", MetaWords.INVALID_FLAG); // 1.6.18 has no E, S or x
    refused("mg k S1", MetaWords.INVALID_FLAG);
    refused("mg k x", MetaWords.INVALID_FLAG);
  }

  @Test
  void badArgumentsReportTheLastErrorMet() {
    refused("mg k N", MetaWords.BAD_TOKEN);
    refused("mg k T1x", MetaWords.BAD_TOKEN);
    refused("mg k C-1", MetaWords.BAD_TOKEN);
    refused("mg k M", MetaWords.BAD_M_LENGTH);
    refused("mg k MEE", MetaWords.BAD_M_LENGTH);
    refused("mg k J-1", MetaWords.BAD_INITIAL);
    refused("mg k D18446744073709551616", MetaWords.BAD_DELTA);
    refused("mg k Nx Jx", MetaWords.BAD_INITIAL);
    refused("mg k Jx Nx", MetaWords.BAD_TOKEN);
    refused("mg k b", MetaWords.BAD_KEY_ENCODING);
  }

  @Test
  void aBadClientFlagsArgumentSetsNoMessageOfItsOwn() {
    refused("ms k F-1", Words.BAD_FORMAT);
    refused("ms k Tx F-1", MetaWords.BAD_TOKEN);
    refused("ms k F4294967296", Words.BAD_FORMAT); // stricter: memcached keeps the low 32 bits
  }

  @Test
  void base64KeysAreDecodedWherever_bStands() {
    assertTrue(parse("mg Zm9v v b"));
    assertTrue(flags.keyBinary);
    assertEquals("foo", new String(flags.key, flags.keyOff, flags.keyLen,
        StandardCharsets.US_ASCII));
    assertTrue(parse("mg Zm9v v"));
    assertFalse(flags.keyBinary);
    assertEquals("Zm9v", new String(flags.key, flags.keyOff, flags.keyLen,
        StandardCharsets.US_ASCII));
  }
}
