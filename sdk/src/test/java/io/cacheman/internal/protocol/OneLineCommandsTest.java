package io.cacheman.internal.protocol;

import static io.cacheman.internal.protocol.Feed.bytes;
import static io.cacheman.internal.protocol.Feed.encoded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** delete, touch, incr/decr, flush_all and version: commands whose reply is one line. */
class OneLineCommandsTest {

  @Test
  void encodes() {
    assertEquals("delete k\r\n", encoded(new DeleteCommand(bytes("k"))));
    assertEquals("touch k 30\r\n", encoded(new TouchCommand(bytes("k"), 30)));
    assertEquals("incr k 5\r\n", encoded(new ArithmeticCommand(true, bytes("k"), 5)));
    assertEquals("decr k 18446744073709551615\r\n", encoded(new ArithmeticCommand(false, bytes("k"), -1)));
    assertEquals("flush_all\r\n", encoded(new FlushAllCommand()));
    assertEquals("version\r\n", encoded(new VersionCommand()));
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void delete(Feed feed) throws Exception {
    assertTrue(feed.decode(new DeleteCommand(bytes("k")), "DELETED\r\n").result());
    assertFalse(feed.decode(new DeleteCommand(bytes("k")), "NOT_FOUND\r\n").result());
    assertEquals("CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]",
        feed.decode(new DeleteCommand(bytes("k")), "CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]\r\n")
            .error().line());
    assertThrows(ProtocolException.class, () -> feed.reject(new DeleteCommand(bytes("k")), "STORED\r\n"));
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void touch(Feed feed) throws Exception {
    assertTrue(feed.decode(new TouchCommand(bytes("k"), 1), "TOUCHED\r\n").result());
    assertFalse(feed.decode(new TouchCommand(bytes("k"), 1), "NOT_FOUND\r\n").result());
    assertThrows(ProtocolException.class, () -> feed.reject(new TouchCommand(bytes("k"), 1), "DELETED\r\n"));
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void arithmetic(Feed feed) throws Exception {
    assertEquals(42L, feed.decode(new ArithmeticCommand(true, bytes("k"), 1), "42\r\n").result());
    assertEquals(-1L, feed.decode(new ArithmeticCommand(true, bytes("k"), 1), "18446744073709551615\r\n").result());
    assertNull(feed.decode(new ArithmeticCommand(false, bytes("k"), 1), "NOT_FOUND\r\n").result());
    ArithmeticCommand nonNumeric = new ArithmeticCommand(true, bytes("k"), 1);
    feed.decode(nonNumeric, "CLIENT_ERROR cannot increment or decrement non-numeric value\r\n");
    assertEquals("CLIENT_ERROR cannot increment or decrement non-numeric value", nonNumeric.error().line());
    for (String garbage : new String[] {"18446744073709551616\r\n", "-1\r\n", "4 2\r\n", "x\r\n", "\r\n", "42\n"}) {
      assertThrows(ProtocolException.class, () -> feed.reject(new ArithmeticCommand(true, bytes("k"), 1), garbage), garbage);
    }
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void flushAllAndVersion(Feed feed) throws Exception {
    assertTrue(feed.decode(new FlushAllCommand(), "OK\r\n").result());
    assertEquals("1.6.18", feed.decode(new VersionCommand(), "VERSION 1.6.18\r\n").result());
    assertThrows(ProtocolException.class, () -> feed.reject(new FlushAllCommand(), "OKAY\r\n"));
    assertThrows(ProtocolException.class, () -> feed.reject(new VersionCommand(), "VERSION\r\n"));
    assertEquals("ERROR", feed.decode(new VersionCommand(), "ERROR\r\n").error().line());
    assertEquals("ERROR Too many open connections",
        feed.decode(new VersionCommand(), "ERROR Too many open connections\r\n").error().line());
  }
}
