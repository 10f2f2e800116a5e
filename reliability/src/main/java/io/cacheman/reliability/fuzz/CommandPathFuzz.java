package io.cacheman.reliability.fuzz;

import io.cacheman.server.internal.protocol.ProtocolHandler;
import java.nio.ByteBuffer;
import java.util.function.Function;

/**
 * Coverage-guided fuzz target for server-minimal's command path: the fuzzer's bytes go through the
 * node's real parser and command execution ({@code ProtocolHandler} over the real store), cut into
 * reads as a network would, with no socket in between, and every input is checked against the
 * invariants of {@link SocketlessConnection} (well-formed replies, store within its limit, no
 * reservation left behind, partial lines within the cap), plus two more here:
 *
 * <ul>
 *   <li><b>Allocation within the caps</b>: what the command path allocates for one input is
 *       bounded by {@link #allocationCap}, linear in the bytes sent and the reply bytes, so a
 *       declared length of 2 GB that allocated 2 GB (or 4 MB, from a short input) is a finding.
 *   <li><b>Reads do not matter</b>: an input cut into several reads gets byte-identical replies
 *       when sent in one read (when no line is longer than memcached's 2048-byte limit, beyond
 *       which the outcome legitimately depends on what has arrived).
 * </ul>
 *
 * <p>Run with Jazzer (see docs/RELIABILITY.md, "Coverage-guided fuzzing"):
 * <pre>
 * java -cp reliability/target/cacheman-reliability.jar:jazzer-0.24.0.jar:jazzer-api-0.24.0.jar \
 *     com.code_intelligence.jazzer.Jazzer --target_class=io.cacheman.reliability.fuzz.CommandPathFuzz \
 *     --instrumentation_includes='io.cacheman.server.**' -max_total_time=600 ...
 * </pre>
 * The input format is {@link FuzzedInput}'s. Any exception or {@link InvariantViolation} escaping
 * {@link #fuzzerTestOneInput} is a finding.
 */
public final class CommandPathFuzz {
  /** Allocation allowed for any input: node-side setup of a connection and the first commands. */
  static final long ALLOCATION_BASE = 256 * 1024;
  /** Per byte sent: every command may allocate an item of up to the 4 KB item cap. */
  static final long ALLOCATION_PER_INPUT_BYTE = 512;
  /** Per reply byte: reply staging grows by doubling, and stats builds its lines as strings. */
  static final long ALLOCATION_PER_REPLY_BYTE = 32;
  /** memcached's limit on a line that is not a get ({@code ProtocolHandler.MAX_LINE}, not public). */
  private static final int MAX_LINE = 2048;
  private static final int SCRATCH_BYTES = 64 * 1024;
  private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);
  /** Every command once, for {@link #warmUp}. */
  private static final String EVERY_COMMAND = "set a 0 0 1\r\n1\r\nget a b\r\ngets a\r\nadd a 0 0 1\r\n2\r\n"
      + "replace a 0 0 1\r\n3\r\nappend a 0 0 1\r\n4\r\nprepend a 0 0 1\r\n5\r\ncas a 0 0 1 99\r\n6\r\n"
      + "incr a 1\r\ndecr a 1\r\ntouch a 10\r\ngat 10 a\r\ngats 10 a\r\ndelete a\r\nset b 0 0 3000\r\n"
      + "x".repeat(3000) + "\r\nget b\r\nset c 0 0 5000\r\nflush_all\r\nflush_all 10\r\nstats\r\n"
      + "stats settings\r\nstats items\r\nversion\r\nverbosity 1\r\nbogus\r\nset a\r\nquit\r\n";

  static {
    warmUp();
  }

  private CommandPathFuzz() {}

  /** Jazzer's entry point: one input, checked; returns normally only if every invariant held. */
  public static void fuzzerTestOneInput(byte[] input) {
    check(input, CommandPath::of);
  }

  /**
   * Runs one input through fresh nodes and command paths made by {@code paths} and checks it;
   * returns the transcript of the input as the fuzzer cut it (empty input: nothing to do, null).
   */
  static Transcript check(byte[] input, Function<SmallNode, CommandPath> paths) {
    if (input.length == 0) {
      return null;
    }
    FuzzedInput fuzzed = FuzzedInput.of(input);
    Transcript cut = run(fuzzed, fuzzed.reads(), paths);
    if (fuzzed.isSplit() && fuzzed.linesWithin(MAX_LINE)) {
      Transcript whole = run(fuzzed, fuzzed.wholeRead(), paths);
      if (!whole.sameRepliesAs(cut)) {
        throw new InvariantViolation("the replies depend on how the stream is cut into reads: in "
            + "one read " + whole + "; cut into reads " + cut);
      }
    }
    return cut;
  }

  /** Most bytes the command path may allocate for a stream of this size and these replies. */
  static long allocationCap(int streamBytes, long replyBytes) {
    return ALLOCATION_BASE + ALLOCATION_PER_INPUT_BYTE * streamBytes + ALLOCATION_PER_REPLY_BYTE * replyBytes;
  }

  private static Transcript run(FuzzedInput input, FuzzedInput.Reads reads,
      Function<SmallNode, CommandPath> paths) {
    SmallNode node = new SmallNode(input.eviction());
    Buffers buffers = BUFFERS.get();
    SocketlessConnection connection =
        new SocketlessConnection(node, paths.apply(node), buffers.read(input.streamLength()), buffers.scratch);
    Transcript t = connection.run(input, reads);
    long cap = allocationCap(input.streamLength(), t.replyBytes());
    if (t.allocatedBytes() > cap) {
      throw new InvariantViolation("the command path allocated " + t.allocatedBytes() + " bytes for "
          + input.streamLength() + " bytes sent and " + t.replyBytes() + " reply bytes, over the cap of " + cap);
    }
    return t;
  }

  /**
   * The first use of each command loads classes and links lambdas, a few hundred KB allocated
   * once; paid here, before any input is measured, so the cap does not depend on input order.
   */
  private static void warmUp() {
    byte[] stream = ("\0" + EVERY_COMMAND).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    for (int control = 0; control < 3; control++) { // each eviction policy, in one read
      stream[0] = (byte) control;
      FuzzedInput input = FuzzedInput.of(stream);
      SmallNode node = new SmallNode(input.eviction());
      Buffers buffers = BUFFERS.get();
      new SocketlessConnection(node, CommandPath.of(node), buffers.read(input.streamLength()), buffers.scratch)
          .run(input, input.wholeRead());
    }
  }

  /** Per-thread buffers, reused across inputs so the harness itself allocates next to nothing. */
  private static final class Buffers {
    final ByteBuffer scratch = ByteBuffer.allocate(SCRATCH_BYTES);
    private byte[] read = new byte[0];

    byte[] read(int largestRead) {
      int needed = ProtocolHandler.MAX_GET_LINE + 1 + largestRead;
      if (read.length < needed) {
        read = new byte[needed];
      }
      return read;
    }
  }
}
