package io.cacheman.bench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The pauses in unified GC logs as JDK 17 and 25 write them with {@code -Xlog:gc}. */
class GcLogTest {
  @Test
  void everyStopTheWorldPauseCountsAndConcurrentPhasesDoNot() {
    GcLog.Pauses p = GcLog.parse(List.of(
        "[0.007s][info][gc] Using G1",
        "[3.249s][info][gc] GC(2) Pause Young (Normal) (G1 Evacuation Pause) 13M->9M(34M) 3.685ms",
        "[28.229s][info][gc] GC(43) Pause Young (Concurrent Start) (G1 Humongous Allocation) 235M->232M(800M) "
            + "14.302ms",
        "[28.230s][info][gc] GC(44) Concurrent Mark Cycle",
        "[28.241s][info][gc] GC(44) Pause Remark 114M->96M(210M) 4.498ms",
        "[28.250s][info][gc] GC(44) Pause Cleanup 96M->96M(210M) 0.122ms",
        "[28.300s][info][gc] GC(44) Concurrent Mark Cycle 70.112ms",
        "[30.000s][info][gc] GC(45) Pause Full (G1 Compaction Pause) 900M->200M(1024M) 250.5ms"));
    assertEquals(5, p.count());
    assertEquals(250.5, p.longestMillis(), 1e-9);
    assertEquals(3.685 + 14.302 + 4.498 + 0.122 + 250.5, p.totalMillis(), 1e-9);
    assertEquals("Pause Full (G1 Compaction Pause)", p.longest());
  }

  @Test
  void noPausesIsZero() {
    assertEquals(new GcLog.Pauses(0, 0, 0, ""), GcLog.parse(List.of("[0.007s][info][gc] Using G1")));
  }
}
