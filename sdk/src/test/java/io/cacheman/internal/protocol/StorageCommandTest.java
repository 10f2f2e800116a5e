package io.cacheman.internal.protocol;

import static io.cacheman.internal.protocol.Feed.bytes;
import static io.cacheman.internal.protocol.Feed.encoded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.internal.protocol.StorageCommand.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StorageCommandTest {

  @Test
  void encodesCommandLineThenBlock() {
    assertEquals("set k 0 0 5\r\nhello\r\n", encoded(StorageCommand.of(Kind.SET, bytes("k"), 0, 0, bytes("hello"))));
    assertEquals("add k 4294967295 60 0\r\n\r\n", encoded(StorageCommand.of(Kind.ADD, bytes("k"), -1, 60, new byte[0])));
    assertEquals("replace k 1 2 1\r\nx\r\n", encoded(StorageCommand.of(Kind.REPLACE, bytes("k"), 1, 2, bytes("x"))));
    assertEquals("append k 0 0 1\r\nx\r\n", encoded(StorageCommand.of(Kind.APPEND, bytes("k"), 0, 0, bytes("x"))));
    assertEquals("prepend k 0 0 1\r\nx\r\n", encoded(StorageCommand.of(Kind.PREPEND, bytes("k"), 0, 0, bytes("x"))));
    assertEquals("cas k 0 0 1 18446744073709551615\r\nx\r\n", encoded(StorageCommand.cas(bytes("k"), 0, 0, bytes("x"), -1L)));
    assertThrows(IllegalArgumentException.class, () -> StorageCommand.of(Kind.CAS, bytes("k"), 0, 0, bytes("x")));
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void decodesEveryStatus(Feed feed) throws Exception {
    assertEquals(StoreStatus.STORED, feed.decode(set(), "STORED\r\n").result());
    assertEquals(StoreStatus.NOT_STORED, feed.decode(set(), "NOT_STORED\r\n").result());
    assertEquals(StoreStatus.EXISTS, feed.decode(cas(), "EXISTS\r\n").result());
    assertEquals(StoreStatus.NOT_FOUND, feed.decode(cas(), "NOT_FOUND\r\n").result());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void serverErrorKeepsTheStreamButOtherErrorsDoNot(Feed feed) throws Exception {
    StorageCommand tooLarge = (StorageCommand) feed.decode(set(), "SERVER_ERROR object too large for cache\r\n");
    assertNull(tooLarge.result());
    assertEquals("SERVER_ERROR object too large for cache", tooLarge.error().line());
    assertFalse(tooLarge.leavesStreamInDoubt());

    assertTrue(((StorageCommand) feed.decode(set(), "ERROR\r\n")).leavesStreamInDoubt());
    assertTrue(((StorageCommand) feed.decode(set(), "CLIENT_ERROR bad data chunk\r\n")).leavesStreamInDoubt());
    assertFalse(((StorageCommand) feed.decode(set(), "STORED\r\n")).leavesStreamInDoubt());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void rejectsRepliesOnlyCasMayGetOrNoCommandGets(Feed feed) {
    assertThrows(ProtocolException.class, () -> feed.reject(set(), "EXISTS\r\n"));
    assertThrows(ProtocolException.class, () -> feed.reject(set(), "NOT_FOUND\r\n"));
    assertThrows(ProtocolException.class, () -> feed.reject(set(), "DELETED\r\n"));
    assertThrows(ProtocolException.class, () -> feed.reject(set(), "STORED \r\n"));
    assertThrows(ProtocolException.class, () -> feed.reject(set(), "\u0000\u0001garbage\r\n"));
  }

  private static StorageCommand set() {
    return StorageCommand.of(Kind.SET, bytes("k"), 0, 0, bytes("v"));
  }

  private static StorageCommand cas() {
    return StorageCommand.cas(bytes("k"), 0, 0, bytes("v"), 7);
  }
}
