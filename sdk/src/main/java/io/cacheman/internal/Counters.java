package io.cacheman.internal;

import io.cacheman.CachemanException;
import io.cacheman.CasResult;
import io.cacheman.internal.protocol.StorageCommand;
import io.cacheman.internal.protocol.StoreStatus;
import java.nio.charset.StandardCharsets;

/** Argument rules and helpers of the counter and cas operations. */
final class Counters {
  /** incr-or-add rounds before giving up on a key that keeps being deleted under us. */
  static final int ROUNDS = 3;

  private Counters() {}

  /** @throws IllegalArgumentException for a negative delta (memcached rejects it) */
  static long delta(long delta) {
    if (delta < 0) {
      throw new IllegalArgumentException("delta must not be negative, was " + delta);
    }
    return delta;
  }

  /** The decimal bytes stored for an absent counter. */
  static byte[] initial(long initial) {
    if (initial < 0) {
      throw new IllegalArgumentException("initial value must not be negative, was " + initial);
    }
    return Long.toString(initial).getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * One incr-or-add: the counter's key, the step, and the value it starts at when absent.
   *
   * @param key the caller's key, for messages
   * @param wireKey the key as sent
   */
  record Round(boolean increment, String key, byte[] wireKey, long delta, long initial, long exptime, long deadline) {
    Round {
      Counters.initial(initial);
    }

    /** The {@code add} that creates the counter at its initial value. */
    StorageCommand add() {
      return StorageCommand.of(StorageCommand.Kind.ADD, wireKey, 0, exptime, Counters.initial(initial));
    }
  }

  static CachemanException keptVanishing(String key) {
    return new CachemanException("counter " + key + " was deleted again each time it was created (" + ROUNDS + " rounds)");
  }

  /** memcached answers cas with STORED, EXISTS or NOT_FOUND; NOT_STORED also means nothing was stored. */
  static CasResult casResult(StoreStatus status) {
    return switch (status) {
      case STORED -> CasResult.STORED;
      case NOT_FOUND -> CasResult.NOT_FOUND;
      case EXISTS, NOT_STORED -> CasResult.EXISTS;
    };
  }
}
