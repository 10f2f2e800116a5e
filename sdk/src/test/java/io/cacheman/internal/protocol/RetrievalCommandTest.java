package io.cacheman.internal.protocol;

import static io.cacheman.internal.protocol.Feed.bytes;
import static io.cacheman.internal.protocol.Feed.encoded;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.internal.protocol.RetrievalCommand.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetrievalCommandTest {

  @Test
  void encodesEveryKind() {
    assertEquals("get a\r\n", encoded(RetrievalCommand.of(Kind.GET, bytes("a"))));
    assertEquals("gets a b c\r\n", encoded(RetrievalCommand.of(Kind.GETS, bytes("a"), bytes("b"), bytes("c"))));
    assertEquals("gat 300 a\r\n", encoded(RetrievalCommand.touching(Kind.GAT, 300, bytes("a"))));
    assertEquals("gats 0 a b\r\n", encoded(RetrievalCommand.touching(Kind.GATS, 0, bytes("a"), bytes("b"))));
  }

  @Test
  void refusesMisuse() {
    assertThrows(IllegalArgumentException.class, () -> RetrievalCommand.of(Kind.GET));
    assertThrows(IllegalArgumentException.class, () -> RetrievalCommand.of(Kind.GAT, bytes("a")));
    assertThrows(IllegalArgumentException.class, () -> RetrievalCommand.touching(Kind.GET, 1, bytes("a")));
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void missIsEndAlone(Feed feed) throws Exception {
    Item[] found = feed.decode(RetrievalCommand.of(Kind.GET, bytes("k")), "END\r\n").result();
    assertNull(found[0]);
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void hitCarriesFlagsAndBytes(Feed feed) throws Exception {
    Item item = feed.decode(RetrievalCommand.of(Kind.GET, bytes("k")), "VALUE k 4294967295 5\r\nhello\r\nEND\r\n")
        .result()[0];
    assertEquals(-1, item.flags());
    assertArrayEquals(bytes("hello"), item.data());
    assertEquals(0, item.cas());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void valueMayHoldCrlfAndBeEmpty(Feed feed) throws Exception {
    Item[] found = feed.decode(RetrievalCommand.of(Kind.GET, bytes("a"), bytes("b")),
        "VALUE a 0 4\r\n\r\n\r\n\r\nVALUE b 0 0\r\n\r\nEND\r\n").result();
    assertArrayEquals(bytes("\r\n\r\n"), found[0].data());
    assertArrayEquals(new byte[0], found[1].data());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void getsReadsUnsigned64BitCas(Feed feed) throws Exception {
    Item item = feed.decode(RetrievalCommand.of(Kind.GETS, bytes("k")),
        "VALUE k 1 1\u002018446744073709551615\r\nx\r\nEND\r\n").result()[0];
    assertEquals(-1L, item.cas());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void multiGetSlotsValuesByKeyAndLeavesMissesEmpty(Feed feed) throws Exception {
    Item[] found = feed.decode(RetrievalCommand.of(Kind.GET, bytes("a"), bytes("b"), bytes("c"), bytes("d")),
        "VALUE b 2 2\r\nbb\r\nVALUE d 4 2\r\ndd\r\nEND\r\n").result();
    assertNull(found[0]);
    assertArrayEquals(bytes("bb"), found[1].data());
    assertNull(found[2]);
    assertEquals(4, found[3].flags());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void errorLineEndsTheReply(Feed feed) throws Exception {
    RetrievalCommand get = RetrievalCommand.of(Kind.GET, bytes("a"), bytes("b"));
    feed.decode(get, "VALUE a 0 1\r\nx\r\nSERVER_ERROR out of memory writing get response\r\n");
    assertEquals("SERVER_ERROR out of memory writing get response", get.error().line());
    assertTrue(get.error().isServerError());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "VALUE other 0 1\r\nx\r\nEND\r\n",           // a key not asked for
      "VALUE b 0 1\r\nx\r\nVALUE a 0 1\r\nx\r\nEND\r\n", // out of order
      "VALUE a 0 1\r\nx\r\nVALUE a 0 1\r\nx\r\nEND\r\n", // twice
      "VALUE a 0\r\n",                               // missing length
      "VALUE a x 1\r\nx\r\nEND\r\n",                 // flags not a number
      "VALUE a 4294967296 1\r\nx\r\nEND\r\n",        // flags above 32 bits
      "VALUE a 0 -1\r\n",                            // negative length
      "VALUE a 0 1073741825\r\n",                    // longer than any item
      "VALUE a 0 1 5\r\nx\r\nEND\r\n",               // cas on a plain get
      "VALUE a 0 1 \r\nx\r\nEND\r\n",                // trailing space
      "VALUE a  0 1\r\nx\r\nEND\r\n",                // double space
      "VALUE a 0 1\r\nxyz\r\nEND\r\n",               // block longer than declared
      "VALUE a 0 3\r\nx\r\nEND\r\n",                 // block shorter than declared
      "STORED\r\n",                                  // a reply to something else
      "END\n",                                       // bare LF
      "end\r\n",                                     // wrong case
      "\r\n",                                        // empty line
  })
  void rejectsWhatMemcachedNeverSends(String reply) {
    for (Feed feed : Feed.values()) {
      assertThrows(ProtocolException.class, () -> feed.reject(RetrievalCommand.of(Kind.GET, bytes("a"), bytes("b")), reply),
          feed + ": " + reply);
    }
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void getsWithoutCasIsRejected(Feed feed) {
    assertThrows(ProtocolException.class,
        () -> feed.reject(RetrievalCommand.of(Kind.GETS, bytes("a")), "VALUE a 0 1\r\nx\r\nEND\r\n"));
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void casAbove64BitsIsRejected(Feed feed) {
    assertThrows(ProtocolException.class,
        () -> feed.reject(RetrievalCommand.of(Kind.GETS, bytes("a")), "VALUE a 0 1 18446744073709551616\r\nx\r\nEND\r\n"));
  }

  @Test
  void aLineWithoutEndWithinTheLimitIsRejectedBeforeItIsRead() {
    byte[] endless = new byte[ReplyReader.MAX_LINE + 2];
    java.util.Arrays.fill(endless, (byte) 'x');
    ProtocolException e = assertThrows(ProtocolException.class,
        () -> Feed.WHOLE.reject(RetrievalCommand.of(Kind.GET, bytes("a")), endless));
    assertTrue(e.getMessage().contains("longer than"), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void aLargeValueComesWholeWhateverTheReadsAndTheNextOneAfterIt(Feed feed) throws Exception {
    byte[] large = new byte[100_000]; // larger than a read: its bytes go straight into its array
    for (int i = 0; i < large.length; i++) {
      large[i] = (byte) (i % 251);
    }
    large[0] = '\r';
    large[large.length - 1] = '\n';
    java.io.ByteArrayOutputStream reply = new java.io.ByteArrayOutputStream();
    reply.writeBytes(bytes("VALUE a 3 " + large.length + "\r\n"));
    reply.writeBytes(large);
    reply.writeBytes(bytes("\r\nVALUE b 4 2\r\nok\r\nEND\r\n"));
    Item[] found = feed.decode(RetrievalCommand.of(Kind.GET, bytes("a"), bytes("b")), reply.toByteArray()).result();
    assertArrayEquals(large, found[0].data());
    assertEquals(3, found[0].flags());
    assertArrayEquals(bytes("ok"), found[1].data());
  }

  @Test
  void resetAllowsAnotherAttempt() throws Exception {
    RetrievalCommand get = RetrievalCommand.of(Kind.GET, bytes("a"));
    Feed.WHOLE.decode(get, "VALUE a 0 1\r\nx\r\nEND\r\n");
    get.reset();
    assertNull(Feed.WHOLE.decode(get, "END\r\n").result()[0]);
  }
}
