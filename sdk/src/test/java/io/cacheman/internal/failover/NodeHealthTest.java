package io.cacheman.internal.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.CacheConnectionException;
import io.cacheman.CachemanException;
import io.cacheman.NodeState;
import io.cacheman.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The node health rules, on a clock moved by hand: no test here waits for time to pass. */
class NodeHealthTest {
  private static final Duration RETRY = Duration.ofSeconds(2);

  private final ManualClock clock = ManualClock.stopped();
  private final AtomicBoolean nodeAnswers = new AtomicBoolean(false);
  private final AtomicBoolean cleanedUp = new AtomicBoolean(true);
  private final AtomicInteger probes = new AtomicInteger();
  private final AtomicInteger changes = new AtomicInteger();
  private final StandInLog standIns = new StandInLog(100, clock);
  private final NodeHealth health = new NodeHealth("node:1", 3, RETRY, clock, () -> {
    probes.incrementAndGet();
    return nodeAnswers.get() ? CompletableFuture.completedFuture("1.6")
        : CompletableFuture.failedFuture(new CacheConnectionException("refused"));
  }, () -> cleanedUp.get() && standIns.close() ? CompletableFuture.completedFuture(null)
      : CompletableFuture.failedFuture(new CachemanException("still cleaning")), standIns, changes::incrementAndGet);

  private void fail() {
    health.failed("boom");
  }

  @Test
  void onlyFailureEventsInARowTakeTheNodeOut() {
    for (int i = 0; i < 100; i++) {
      health.onSuccess();
    }
    fail();
    fail();
    health.onSuccess(); // a reply in time breaks the run
    fail();
    fail();
    assertTrue(health.isLive());
    assertEquals(NodeState.UP, health.state());
    fail();
    assertFalse(health.isLive());
    assertEquals(NodeState.OUT, health.state());
    assertEquals(1, changes.get());
  }

  @Test
  void probesEveryRetryIntervalUntilTheNodeAnswersThenLetsItBackIn() {
    fail();
    fail();
    fail();
    clock.advance(RETRY.minusMillis(1));
    assertEquals(0, probes.get(), "no probe before the retry interval");
    clock.advance(Duration.ofMillis(1));
    assertEquals(1, probes.get());
    assertEquals(NodeState.OUT, health.state(), "a failed probe keeps it out");
    clock.advance(RETRY);
    assertEquals(2, probes.get());
    nodeAnswers.set(true);
    clock.advance(RETRY);
    assertEquals(3, probes.get());
    assertTrue(health.isLive());
    // up→out, then per probe out→probing→out, finally probing→up
    assertEquals(1 + 2 + 2 + 2, health.transitions());
    assertEquals(health.transitions(), changes.get());
    fail();
    fail();
    assertTrue(health.isLive(), "the count starts again once the node is back");
  }

  @Test
  void whileOutItsStandInsAreLoggedAndItReturnsOnlyOnceTheyAreCleanedUp() {
    assertFalse(standIns.record(key("before")), "nothing is logged while the node is in routing");
    fail();
    fail();
    fail();
    assertTrue(standIns.record(key("written-elsewhere")));
    nodeAnswers.set(true);
    cleanedUp.set(false);
    clock.advance(RETRY);
    assertEquals(NodeState.OUT, health.state(), "answering is not enough while the clean-up fails");
    cleanedUp.set(true);
    clock.advance(RETRY);
    assertEquals(NodeState.OUT, health.state(), "a key is still to be deleted: the log does not close");
    standIns.take();
    clock.advance(RETRY);
    assertEquals(NodeState.UP, health.state());
    assertFalse(standIns.record(key("after")), "back in routing: writes go to the node itself");
  }

  @Test
  void aClosedHealthNoLongerProbes() {
    fail();
    fail();
    fail();
    health.close();
    clock.advance(RETRY.multipliedBy(3));
    assertEquals(0, probes.get());
  }

  private static byte[] key(String k) {
    return k.getBytes(StandardCharsets.UTF_8);
  }
}
