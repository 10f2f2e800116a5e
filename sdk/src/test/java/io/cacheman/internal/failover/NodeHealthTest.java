package io.cacheman.internal.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.CacheConnectionException;
import io.cacheman.NodeState;
import io.cacheman.testing.ManualClock;
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
  private final AtomicInteger probes = new AtomicInteger();
  private final AtomicInteger changes = new AtomicInteger();
  private final NodeHealth health = new NodeHealth("node:1", 3, RETRY, clock, () -> {
    probes.incrementAndGet();
    return nodeAnswers.get() ? CompletableFuture.completedFuture("1.6")
        : CompletableFuture.failedFuture(new CacheConnectionException("refused"));
  }, changes::incrementAndGet);

  private void fail() {
    health.onFailure(new CacheConnectionException("boom"));
  }

  @Test
  void onlyConsecutiveFailuresTakeTheNodeOut() {
    for (int i = 0; i < 100; i++) {
      health.onSuccess();
    }
    fail();
    fail();
    health.onSuccess(); // breaks the run
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
    assertEquals(NodeState.UP, health.state());
    // up→out, then per probe out→probing→out, finally probing→up
    assertEquals(1 + 2 + 2 + 2, health.transitions());
    assertEquals(health.transitions(), changes.get());
    fail();
    fail();
    assertTrue(health.isLive(), "the count starts again once the node is back");
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
}
