package io.cacheman.bench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RunOrderTest {
  @Test
  void fourConfigurationsFollowEachOtherOnceInFourRounds() {
    assertArrayEquals(new int[] {0, 1, 3, 2}, RunOrder.of(4, 0));
    assertArrayEquals(new int[] {1, 2, 0, 3}, RunOrder.of(4, 1));
    assertBalanced(4, 4);
  }

  @Test
  void everyCountIsBalancedOverItsCycle() {
    for (int n = 1; n <= 9; n++) {
      assertBalanced(n, n % 2 == 0 ? n : 2 * n);
    }
  }

  /** Every round is a permutation; over {@code rounds} each place and each ordered pair of neighbours is even. */
  private static void assertBalanced(int n, int rounds) {
    int[][] atPlace = new int[n][n];
    int[][] follows = new int[n][n];
    for (int round = 0; round < rounds; round++) {
      int[] order = RunOrder.of(n, round);
      int[] sorted = order.clone();
      Arrays.sort(sorted);
      for (int j = 0; j < n; j++) {
        assertEquals(j, sorted[j], "round " + round + " of " + n + " is not a permutation: " + Arrays.toString(order));
        atPlace[order[j]][j]++;
        if (j > 0) {
          follows[order[j - 1]][order[j]]++;
        }
      }
    }
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        assertEquals(rounds / n, atPlace[a][b], n + " configurations: " + a + " at place " + b);
        if (a != b) {
          assertEquals(n == 1 ? 0 : rounds / n, follows[a][b], n + " configurations: " + b + " after " + a);
        }
      }
    }
  }
}
