package io.cacheman.internal.failover;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.testing.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandInLogTest {
  private final ManualClock clock = ManualClock.stopped();
  private final StandInLog log = new StandInLog(3, clock);

  private static byte[] key(String k) {
    return k.getBytes(UTF_8);
  }

  private static List<String> names(StandInLog.Batch batch) {
    return batch.keys().stream().map(k -> new String(k, UTF_8)).toList();
  }

  @Test
  void logsOnlyWhileTheNodeIsOutEachKeyOnce() {
    assertFalse(log.record(key("before")), "a node in routing needs no log: the write goes to it");
    log.open();
    assertTrue(log.record(key("a")));
    assertTrue(log.record(key("b")));
    assertTrue(log.record(key("a")));
    StandInLog.Batch batch = log.take();
    assertEquals(List.of("a", "b"), names(batch));
    assertFalse(batch.overflowed());
    assertEquals(0, log.size());
  }

  @Test
  void closesOnlyWhenNothingIsLeftToDeleteAndThenRefusesWrites() {
    log.open();
    log.record(key("a"));
    assertFalse(log.close(), "a key is still to be deleted");
    log.take();
    assertTrue(log.record(key("raced")), "a write during the clean-up is logged too");
    assertFalse(log.close());
    assertEquals(List.of("raced"), names(log.take()));
    assertTrue(log.close());
    assertFalse(log.record(key("after")), "once closed, writes go to the node itself");
  }

  @Test
  void pastItsCapacityItRemembersThatItOverflowedAndWhen() {
    log.open();
    for (String k : List.of("a", "b", "c")) {
      log.record(key(k));
    }
    clock.advance(Duration.ofSeconds(5));
    log.record(key("d"));
    log.record(key("a")); // known already: no overflow by itself
    StandInLog.Batch batch = log.take();
    assertTrue(batch.overflowed());
    assertEquals(3, batch.keys().size());
    assertEquals(clock.nanoTime(), batch.lastWriteNanos());
    assertTrue(log.close());
  }

  @Test
  void anOverflowPutBackKeepsTheLogOpen() {
    log.open();
    for (String k : List.of("a", "b", "c", "d")) {
      log.record(key(k));
    }
    StandInLog.Batch batch = log.take();
    log.keepOverflowed(batch);
    assertFalse(log.close(), "the overflow still has to be dealt with");
  }
}
