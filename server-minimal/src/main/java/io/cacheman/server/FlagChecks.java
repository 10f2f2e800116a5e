package io.cacheman.server;

/** Checks of flags that need a sentence of their own, in the units the user wrote. */
final class FlagChecks {
  private FlagChecks() {}

  /**
   * {@code -m} in megabytes, 1 to 65536, and {@code -I} at most half of it, checked together:
   * one sentence says what to change.
   *
   * @throws IllegalArgumentException with that sentence
   */
  static void memory(long memoryLimitMb, int maxItemSize) {
    if (memoryLimitMb < 1 || memoryLimitMb > 65536) {
      throw new IllegalArgumentException("-m/--memory-limit is in megabytes, from 1 to 65536; got "
          + memoryLimitMb);
    }
    int halfOfMemory = (int) Math.min(Integer.MAX_VALUE, (memoryLimitMb << 20) / 2);
    if (maxItemSize > halfOfMemory) {
      throw new IllegalArgumentException("-I/--max-item-size " + SizeConverter.describe(maxItemSize)
          + " is more than half of -m " + memoryLimitMb + ": lower -I to "
          + SizeConverter.describe(halfOfMemory) + " or less, or raise -m to "
          + Math.max(memoryLimitMb + 1, ((long) maxItemSize * 2 + (1 << 20) - 1) >> 20) + " or more");
    }
  }
}
