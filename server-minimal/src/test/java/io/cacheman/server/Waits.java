package io.cacheman.server;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** Awaitility with a generous bound, checking at once and then often (no fixed sleeps). */
final class Waits {
  private Waits() {}

  static ConditionFactory await() {
    return Awaitility.await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
        .atMost(Duration.ofSeconds(10));
  }
}
