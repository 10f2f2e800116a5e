package io.cacheman.internal.failover;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.CacheConnectionException;
import io.cacheman.NodeState;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NodeHealthTest {
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final AtomicBoolean nodeAnswers = new AtomicBoolean(false);
  private final AtomicInteger probes = new AtomicInteger();
  private final AtomicInteger changes = new AtomicInteger();
  private final NodeHealth health = new NodeHealth("node:1", 3, Duration.ofMillis(20), scheduler, () -> {
    probes.incrementAndGet();
    return nodeAnswers.get() ? CompletableFuture.completedFuture("1.6")
        : CompletableFuture.failedFuture(new CacheConnectionException("refused"));
  }, changes::incrementAndGet);

  @AfterEach
  void stop() {
    health.close();
    scheduler.shutdownNow();
  }

  private void fail() {
    assertTrue(health.tryAcquire());
    health.onFailure(1_000, new CacheConnectionException("boom"));
  }

  private void succeed() {
    assertTrue(health.tryAcquire());
    health.onSuccess(1_000);
  }

  @Test
  void onlyConsecutiveFailuresTakeTheNodeOut() {
    for (int i = 0; i < 100; i++) {
      succeed();
    }
    fail();
    fail();
    succeed(); // breaks the run
    fail();
    fail();
    assertTrue(health.isLive());
    assertEquals(NodeState.UP, health.state());
    fail();
    assertFalse(health.isLive());
    assertEquals(NodeState.OUT, health.state());
    assertFalse(health.tryAcquire());
    assertEquals(1, changes.get());
  }

  @Test
  void probesUntilTheNodeAnswersThenLetsItBackIn() {
    fail();
    fail();
    fail();
    await().atMost(Duration.ofSeconds(2)).until(() -> probes.get() >= 2); // failed probes keep it out
    assertFalse(health.isLive());
    nodeAnswers.set(true);
    await().atMost(Duration.ofSeconds(2)).until(health::isLive);
    assertEquals(NodeState.UP, health.state());
    // closed→open, then per probe open→half-open→open, finally half-open→closed
    assertTrue(health.transitions() >= 5, "transitions: " + health.transitions());
    assertEquals(health.transitions(), changes.get());
    succeed();
  }
}
