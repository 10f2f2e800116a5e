package io.cacheman.bench.load;

import java.nio.charset.StandardCharsets;

/**
 * The keys of a run: {@code count} fixed-width ASCII keys, {@code key:000000000042} and so on,
 * built once so every client sends exactly the same key bytes and no run allocates keys.
 *
 * <p>Immutable and shared by all worker threads.
 */
public final class KeySpace {
  /** Every key is this many bytes long (the size the memory test is specified with). */
  public static final int KEY_LENGTH = 16;

  private static final String PREFIX = "key:";

  private final String[] keys;

  /**
   * Builds {@code count} keys.
   *
   * @throws IllegalArgumentException when {@code count} is not positive
   */
  public KeySpace(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("the number of keys must be at least 1, was " + count);
    }
    keys = new String[count];
    byte[] b = new byte[KEY_LENGTH];
    for (int i = 0; i < count; i++) {
      keys[i] = new String(write(i, b), StandardCharsets.US_ASCII);
    }
  }

  /**
   * Writes key {@code i}'s {@value #KEY_LENGTH} ASCII bytes into {@code into} and returns it: the
   * same key as {@link #key}, for a run over more keys than are worth holding as strings (50
   * million strings would take some 3 GB of the bench's heap).
   */
  public static byte[] write(int i, byte[] into) {
    if (i < 0) {
      throw new IllegalArgumentException("a key index is not negative, was " + i);
    }
    for (int p = 0; p < PREFIX.length(); p++) {
      into[p] = (byte) PREFIX.charAt(p);
    }
    int n = i;
    for (int p = KEY_LENGTH - 1; p >= PREFIX.length(); p--) {
      into[p] = (byte) ('0' + n % 10);
      n /= 10;
    }
    return into;
  }

  /** The key with index {@code i} (0-based). */
  public String key(int i) {
    return keys[i];
  }

  /** How many keys there are. */
  public int size() {
    return keys.length;
  }
}
