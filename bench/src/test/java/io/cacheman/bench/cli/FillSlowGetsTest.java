package io.cacheman.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cacheman.bench.server.PacedGetter.SlowSecond;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fill's line on when its slow gets were due. */
class FillSlowGetsTest {
  @Test
  void aFillWithoutSlowGetsSaysSo() {
    assertEquals("no get over 20 ms", FillCommand.slowGets(List.of()));
  }

  @Test
  void theSecondsWithTheMostSlowGetsAreShownInOrderOfTime() {
    List<SlowSecond> seconds = new ArrayList<>();
    for (int second = 0; second < 10; second++) {
      seconds.add(new SlowSecond(second, second == 3 ? 1 : 10 + second, 25_000 + second * 1_000));
    }
    seconds.add(new SlowSecond(40, 1, 21_000));
    assertEquals("134 gets over 20 ms, due in 11 seconds of the fill; the most in 1 s: 11 (max 26.0 ms), "
        + "2 s: 12 (max 27.0 ms), 4 s: 14 (max 29.0 ms), 5 s: 15 (max 30.0 ms), 6 s: 16 (max 31.0 ms), "
        + "7 s: 17 (max 32.0 ms), 8 s: 18 (max 33.0 ms), 9 s: 19 (max 34.0 ms)", FillCommand.slowGets(seconds));
  }
}
