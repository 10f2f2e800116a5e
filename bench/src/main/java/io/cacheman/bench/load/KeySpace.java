package io.cacheman.bench.load;

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
  private static final int DIGITS = KEY_LENGTH - PREFIX.length();

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
    StringBuilder b = new StringBuilder(KEY_LENGTH);
    for (int i = 0; i < count; i++) {
      b.setLength(0);
      String digits = Integer.toString(i);
      b.append(PREFIX);
      for (int pad = digits.length(); pad < DIGITS; pad++) {
        b.append('0');
      }
      keys[i] = b.append(digits).toString();
    }
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
