package io.cacheman.reliability.fuzz;

import io.cacheman.server.Eviction;
import java.util.SplittableRandom;

/**
 * One input of the coverage-guided fuzzer, read as a connection's life: byte 0 says how the
 * network cuts the stream into reads and which eviction policy the node runs, the rest is what
 * the client sends. Keeping the stream itself free of framing lets libFuzzer's dictionary and
 * mutations work on plain protocol text, and makes corpus files readable.
 *
 * <p>Byte 0: bits 0–1 choose the eviction policy (LRU, LFU, none, LRU); bits 2–7 the read
 * pattern: 0 delivers the stream in one read, 1 one byte per read, 2–63 reads of pseudo-random
 * sizes (1 byte to 4 KB, drawn from a generator seeded with the pattern), so the same input is
 * always cut the same way.
 */
final class FuzzedInput {
  private static final Eviction[] EVICTIONS = {Eviction.LRU, Eviction.LFU, Eviction.NONE, Eviction.LRU};
  private static final int WHOLE = 0;
  private static final int BYTEWISE = 1;

  private final byte[] input;
  private final Eviction eviction;
  private final int pattern;

  private FuzzedInput(byte[] input) {
    this.input = input;
    this.eviction = EVICTIONS[input[0] & 3];
    this.pattern = (input[0] & 0xff) >>> 2;
  }

  /** Reads a non-empty fuzz input. */
  static FuzzedInput of(byte[] input) {
    if (input.length == 0) {
      throw new IllegalArgumentException("an empty input has no control byte");
    }
    return new FuzzedInput(input);
  }

  /** The eviction policy the node runs. */
  Eviction eviction() {
    return eviction;
  }

  /** The bytes the client sends are {@code stream()[streamFrom(), stream().length)}. */
  byte[] stream() {
    return input;
  }

  int streamFrom() {
    return 1;
  }

  int streamLength() {
    return input.length - 1;
  }

  /** True when the stream arrives in more than one read. */
  boolean isSplit() {
    return pattern != WHOLE && streamLength() > 1;
  }

  /** The read sizes of this input's pattern. */
  Reads reads() {
    return new Reads(pattern);
  }

  /** One read of the whole stream. */
  Reads wholeRead() {
    return new Reads(WHOLE);
  }

  /** True when no run of the stream holds more than {@code max} bytes without a {@code \n}. */
  boolean linesWithin(int max) {
    int run = 0;
    for (int i = streamFrom(); i < input.length; i++) {
      run = input[i] == '\n' ? 0 : run + 1;
      if (run > max) {
        return false;
      }
    }
    return true;
  }

  /** Sizes of successive reads; deterministic for a pattern. */
  static final class Reads {
    private final int pattern;
    private final SplittableRandom random;

    private Reads(int pattern) {
      this.pattern = pattern;
      this.random = new SplittableRandom(pattern);
    }

    /** Size of the next read, given the bytes still to come (at least 1). */
    int next(int remaining) {
      int size = switch (pattern) {
        case WHOLE -> remaining;
        case BYTEWISE -> 1;
        default -> 1 + random.nextInt(1 << random.nextInt(13));
      };
      return Math.min(size, remaining);
    }
  }
}
