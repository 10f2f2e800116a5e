package io.cacheman.reliability.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.reliability.fuzz.ReplyChecker.Kind;
import io.cacheman.server.Eviction;
import io.cacheman.server.internal.protocol.Output;
import io.cacheman.server.internal.protocol.ProtocolHandler;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The fuzz target itself: the real command path passes, and each invariant it claims to check
 * really catches a command path that breaks it (so a clean fuzz run means something).
 */
class CommandPathFuzzTest {
  /** Control bytes (see FuzzedInput): read pattern in bits 2-7, eviction in bits 0-1. */
  private static final int ONE_READ = 0;
  private static final int BYTEWISE = 1 << 2;
  private static final int RANDOM_READS = 7 << 2;
  private static final int NO_EVICTION = 2;
  private static final String CONVERSATION = "set k 0 0 3\r\nabc\r\nget k nope\r\nincr k 1\r\n"
      + "set n 0 0 2\r\n41\r\nincr n 1\r\ngets n\r\nstats\r\nbogus\r\nquit\r\nget k\r\n";

  @Test
  void theRealCommandPathAnswersAConversationCorrectly() {
    Transcript t = CommandPathFuzz.check(input(RANDOM_READS, CONVERSATION), CommandPath::of);
    assertEquals(2, t.count(Kind.STORED));
    assertEquals(2, t.count(Kind.VALUE));
    assertEquals(1, t.count(Kind.CLIENT_ERROR), "incr of a non-numeric value");
    assertEquals(1, t.count(Kind.NUMBER), "incr of 41");
    assertTrue(t.count(Kind.STAT) > 30, "stats lines");
    assertEquals(1, t.count(Kind.ERROR), "bogus");
    assertEquals(3, t.count(Kind.END), "two gets and stats; the get after quit is never read");
    assertTrue(t.closedByNode(), "quit closes");
  }

  @Test
  void repliesAreTheSameHoweverTheStreamIsCut() {
    Transcript whole = CommandPathFuzz.check(input(ONE_READ, CONVERSATION), CommandPath::of);
    Transcript bytewise = CommandPathFuzz.check(input(BYTEWISE, CONVERSATION), CommandPath::of);
    assertTrue(whole.sameRepliesAs(bytewise), whole + " vs " + bytewise);
  }

  @Test
  void aDeclaredLengthOfTwoGigabytesAllocatesAlmostNothing() {
    String stream = "set k 0 0 2147483000\r\n" + "x".repeat(1000);
    for (int control : new int[] {ONE_READ, RANDOM_READS | NO_EVICTION}) {
      Transcript t = CommandPathFuzz.check(input(control, stream), CommandPath::of);
      assertEquals(1, t.count(Kind.SERVER_ERROR), "object too large");
      assertTrue(t.allocatedBytes() < 64 * 1024, t.toString());
    }
  }

  @Test
  void aMalformedReplyIsCaught() {
    assertViolation("not a memcached reply line", CONVERSATION,
        path -> new Wrapper(path) {
          @Override
          public int process(byte[] buf, int pos, int limit) {
            int consumed = super.process(buf, pos, limit);
            output().write("STORED!\r\n".getBytes(StandardCharsets.US_ASCII));
            return consumed;
          }
        });
  }

  @Test
  void aReplySplitAcrossTwoCallsIsCaught() {
    assertViolation("the replies stop inside a line", CONVERSATION,
        path -> new Wrapper(path) {
          @Override
          public int process(byte[] buf, int pos, int limit) {
            int consumed = super.process(buf, pos, limit);
            output().write("STO".getBytes(StandardCharsets.US_ASCII)); // "RED\r\n" would come later
            return consumed;
          }
        });
  }

  @Test
  void anExceptionEscapesToTheFuzzer() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> CommandPathFuzz.check(
        input(ONE_READ, CONVERSATION), node -> new Wrapper(CommandPath.of(node)) {
          @Override
          public int process(byte[] buf, int pos, int limit) {
            throw new IllegalStateException("parser bug");
          }
        }));
    assertEquals("parser bug", e.getMessage());
  }

  @Test
  void aReservationThatOutlivesItsConnectionIsCaught() {
    Function<SmallNode, CommandPath> leaky = node -> new Wrapper(CommandPath.of(node)) {
      @Override
      public void release() {
        byte[] key = {'k'};
        node.store().allocate(key, 0, 1, 0, 0, 100); // reserved, never stored nor abandoned
      }
    };
    InvariantViolation e = assertThrows(InvariantViolation.class,
        () -> CommandPathFuzz.check(input(ONE_READ, CONVERSATION), leaky));
    assertTrue(e.getMessage().contains("a reservation outlived its connection"), e.getMessage());
  }

  @Test
  void anAllocationBeyondTheCapIsCaught() {
    assertViolation("over the cap of", CONVERSATION, path -> new Wrapper(path) {
      private byte[] kept;

      @Override
      public int process(byte[] buf, int pos, int limit) {
        if (kept == null) {
          kept = new byte[4 << 20]; // as if it trusted a declared length of 4 MB
        }
        return super.process(buf, pos, limit);
      }
    });
  }

  @Test
  void aPartialLineBeyondTheGetLineCapIsCaught() {
    String endless = "get " + "k".repeat(ProtocolHandler.MAX_GET_LINE + 100);
    assertViolation("over the " + ProtocolHandler.MAX_GET_LINE + "-byte cap", endless, path -> new Wrapper(path) {
      @Override
      public int process(byte[] buf, int pos, int limit) {
        return pos; // waits for a line end forever, buffering everything
      }
    });
  }

  @Test
  void repliesThatDependOnHowTheStreamIsCutAreCaught() {
    assertViolation("the replies depend on how the stream is cut", CONVERSATION, path -> new Wrapper(path) {
      @Override
      public int process(byte[] buf, int pos, int limit) {
        output().write("ERROR\r\n".getBytes(StandardCharsets.US_ASCII)); // once per read
        return super.process(buf, pos, limit);
      }
    });
  }

  @Test
  void theControlByteChoosesEvictionAndReads() {
    FuzzedInput input = FuzzedInput.of(input(BYTEWISE | NO_EVICTION, "ab"));
    assertEquals(Eviction.NONE, input.eviction());
    assertTrue(input.isSplit());
    assertEquals(1, input.reads().next(2));
    assertFalse(FuzzedInput.of(input(ONE_READ, "ab")).isSplit());
    assertEquals(2, FuzzedInput.of(input(ONE_READ, "ab")).reads().next(2));
    assertNull(CommandPathFuzz.check(new byte[0], CommandPath::of), "an empty input is skipped");
  }

  /** Checks that the target, handed paths made by {@code misbehave}, reports a violation. */
  private static void assertViolation(String expected, String stream, Function<CommandPath, CommandPath> misbehave) {
    InvariantViolation e = assertThrows(InvariantViolation.class, () -> CommandPathFuzz.check(
        input(RANDOM_READS, stream), node -> misbehave.apply(CommandPath.of(node))));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  private static byte[] input(int control, String stream) {
    byte[] s = stream.getBytes(StandardCharsets.ISO_8859_1);
    byte[] input = new byte[s.length + 1];
    input[0] = (byte) control;
    System.arraycopy(s, 0, input, 1, s.length);
    return input;
  }

  /** The real path, for a test to override one method of. */
  private static class Wrapper implements CommandPath {
    private final CommandPath real;

    Wrapper(CommandPath real) {
      this.real = real;
    }

    @Override
    public int process(byte[] buf, int pos, int limit) {
      return real.process(buf, pos, limit);
    }

    @Override
    public boolean closeRequested() {
      return real.closeRequested();
    }

    @Override
    public void release() {
      real.release();
    }

    @Override
    public Output output() {
      return real.output();
    }
  }
}
