package io.cacheman.reliability.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.reliability.fuzz.ReplyChecker.Kind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fuzz target's reply grammar: what memcached sends passes, anything else is caught. */
class FuzzReplyCheckerTest {
  private static final String GOOD = "STORED\r\nNOT_STORED\r\nEXISTS\r\nNOT_FOUND\r\nDELETED\r\n"
      + "TOUCHED\r\nOK\r\nRESET\r\nERROR\r\nERROR: shutdown not enabled\r\nVERSION 1.6.18\r\n"
      + "CLIENT_ERROR bad data chunk\r\nSERVER_ERROR out of memory storing object\r\n"
      + "0\r\n18446744073709551615\r\nEND\r\n"
      + "VALUE k 0 3\r\nabc\r\nVALUE \u00e9t\u00e9 4294967295 0 18446744073709551615\r\n\r\nEND\r\n"
      + "VALUE big 7 9\r\n" + "\r\n\r\nEND\r\n" + "\r\n" + "END\r\n"
      + "STAT pid 42\r\nSTAT inter 127.0.0.1\r\nSTAT eviction_policy lru\r\nEND\r\n";

  @Test
  void everyReplyFormPassesHoweverTheBytesAreCut() {
    byte[] good = GOOD.getBytes(StandardCharsets.ISO_8859_1);
    for (int cut = 0; cut <= good.length; cut++) {
      ReplyChecker checker = new ReplyChecker(4096);
      checker.write(ByteBuffer.wrap(good, 0, cut));
      checker.write(ByteBuffer.wrap(good, cut, good.length - cut));
      checker.checkBoundary();
      assertEquals(good.length, checker.bytes());
      long[] counts = checker.counts();
      assertEquals(3, counts[Kind.VALUE.ordinal()], "VALUE replies, cut at " + cut);
      assertEquals(3, counts[Kind.STAT.ordinal()]);
      assertEquals(4, counts[Kind.END.ordinal()]);
      assertEquals(2, counts[Kind.NUMBER.ordinal()]);
      assertEquals(2, counts[Kind.ERROR.ordinal()]);
    }
  }

  @Test
  void theBinaryErrorResponseToABinaryRequestPassesAloneAndNothingAfterIt() {
    byte[] body = "Unknown command".getBytes(StandardCharsets.US_ASCII);
    byte[] reply = new byte[24 + body.length];
    reply[0] = (byte) 0x81;
    reply[7] = (byte) 0x81;
    reply[11] = (byte) body.length;
    System.arraycopy(body, 0, reply, 24, body.length);
    ReplyChecker checker = new ReplyChecker(4096);
    checker.write(ByteBuffer.wrap(reply));
    checker.checkBoundary();
    assertEquals(reply.length, checker.bytes());
    assertThrows(InvariantViolation.class, () -> checker.write(ByteBuffer.wrap(new byte[] {'E'})));
    reply[7] = 0x01; // status "not found": not what the node sends
    assertThrows(InvariantViolation.class, () -> new ReplyChecker(4096).write(ByteBuffer.wrap(reply)));
  }

  @Test
  void aValueBlockMayHoldAnyBytesIncludingLineEnds() {
    ReplyChecker checker = check("VALUE k 0 6\r\nEND\r\n\n\r\nEND\r\n");
    assertEquals(1, checker.counts()[Kind.VALUE.ordinal()]);
    assertEquals(1, checker.counts()[Kind.END.ordinal()]);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "HELLO\r\n", // not a reply
      "STORED\n", // bare \n
      "STO\rRED\r\n", // bare \r
      "stored\r\n", // replies are upper case
      "CLIENT_ERROR something new\r\n", // not one of memcached's reasons
      "SERVER_ERROR\r\n",
      "VERSION \r\n",
      "-1\r\n", // incr results are unsigned
      "007\r\n", // and canonical
      "18446744073709551616\r\n", // and fit 64 bits
      "VALUE k 0 3\r\nabcd\r\nEND\r\n", // data longer than announced
      "VALUE k 0 3\r\nab\r\nEND\r\n", // shorter
      "VALUE k 0 5000\r\n", // beyond the item size cap
      "VALUE k 4294967296 1\r\nx\r\nEND\r\n", // flags beyond 32 bits
      "VALUE  0 1\r\nx\r\nEND\r\n", // no key
      "VALUE k\u0001 0 1\r\nx\r\nEND\r\n", // a control byte in the key
      "VALUE k 0 1 0\r\nx\r\nEND\r\n", // cas 0 is never handed out
      "VALUE k 0 1 5 6\r\nx\r\nEND\r\n", // an extra field
      "VALUE k 0 1\r\nx\r\nSTORED\r\n", // a get reply not closed by END
      "STAT pid 42\r\nVALUE k 0 1\r\nx\r\nEND\r\n", // VALUE inside stats
      "STAT Pid 42\r\nEND\r\n", // names are lower case
      "STAT pid\r\nEND\r\n", // no value
  })
  void aMalformedReplyIsAViolation(String reply) {
    InvariantViolation e = assertThrows(InvariantViolation.class, () -> check(reply));
    assertTrue(e.getMessage().contains("at reply byte"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"STORED", "STORED\r", "VALUE k 0 3\r\nab", "VALUE k 0 1\r\nx\r\n", "STAT pid 1\r\n"})
  void repliesThatStopMidwayAreNotAtABoundary(String partial) {
    ReplyChecker checker = new ReplyChecker(4096);
    checker.write(ByteBuffer.wrap(partial.getBytes(StandardCharsets.ISO_8859_1)));
    assertThrows(InvariantViolation.class, checker::checkBoundary);
  }

  @Test
  void anEndlessLineIsCaughtWithoutBufferingIt() {
    ReplyChecker checker = new ReplyChecker(4096);
    ByteBuffer junk = ByteBuffer.wrap("x".repeat(ReplyChecker.MAX_LINE + 1).getBytes(StandardCharsets.US_ASCII));
    InvariantViolation e = assertThrows(InvariantViolation.class, () -> checker.write(junk));
    assertTrue(e.getMessage().startsWith("a reply line longer than"), e.getMessage());
  }

  private static ReplyChecker check(String replies) {
    ReplyChecker checker = new ReplyChecker(4096);
    checker.write(ByteBuffer.wrap(replies.getBytes(StandardCharsets.ISO_8859_1)));
    checker.checkBoundary();
    return checker;
  }
}
