package io.cacheman.bench.cli;

/**
 * The order in which a round of {@code compare} runs its configurations. A run can be slowed by the
 * one before it (over 50 memcached nodes, a Cacheman run straight after xmemcached's measured
 * 0.84-0.97x the ops/s of the same build's next run), so the orders follow a Williams design: over every
 * {@code n} rounds ({@code 2n} for an odd {@code n}) each configuration follows each other one
 * equally often and takes each place equally often. Turning one fixed order round by round would
 * not do: every configuration would keep its predecessor.
 */
final class RunOrder {
  private RunOrder() {}

  /** The configuration indexes of round {@code round} (0 for the first, warm-up included) of {@code n}. */
  static int[] of(int n, int round) {
    int[] first = new int[n]; // 0, 1, n-1, 2, n-2, ...: each step between neighbours differs
    for (int j = 0, low = 1, high = n - 1; j < n; j++) {
      first[j] = j == 0 ? 0 : j % 2 == 1 ? low++ : high--;
    }
    int[] order = new int[n];
    boolean reversed = n % 2 == 1 && (round / n) % 2 == 1; // an odd n needs the mirrored square too
    for (int j = 0; j < n; j++) {
      order[j] = (first[reversed ? n - 1 - j : j] + round) % n;
    }
    return order;
  }
}
