package io.cacheman.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.config.CachemanConfig;
import io.cacheman.config.FailoverMode;
import io.cacheman.config.Hashing;
import io.cacheman.config.NodeAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which settings a running client takes over, and which wait for a restart. */
class LiveSettingsTest {
  private final CachemanConfig opened = CachemanConfig.builder().nodes(NodeAddress.of("a", 1)).build();

  @Test
  void routingSettingsApplyAndTheRestKeepTheirValue() {
    CachemanConfig wanted = opened.toBuilder().nodes(NodeAddress.of("a", 1), NodeAddress.of("b", 2, 3))
        .hashing(Hashing.KETAMA).failoverMode(FailoverMode.FAIL_FAST).operationTimeout(Duration.ofSeconds(9))
        .compressionThreshold(1).build();
    LiveSettings.Change change = LiveSettings.between(opened, wanted);
    assertEquals(wanted.nodes(), change.effective().nodes());
    assertEquals(Hashing.KETAMA, change.effective().hashing());
    assertEquals(FailoverMode.FAIL_FAST, change.effective().failoverMode());
    assertEquals(opened.operationTimeout(), change.effective().operationTimeout());
    assertEquals(opened.compressionThreshold(), change.effective().compressionThreshold());
    assertEquals(List.of("cacheman.nodes: a:1 -> a:1,b:2:3", "cacheman.hashing: modulo -> ketama",
        "cacheman.failover.mode: redistribute -> fail-fast"), change.applied());
    assertEquals(List.of("cacheman.operation-timeout: 1s -> 9s", "cacheman.compression.threshold: 16KiB -> 1"),
        change.needRestart());
    assertTrue(change.routingChanged());
  }

  @Test
  void aNewReloadIntervalAloneLeavesRoutingAlone() {
    LiveSettings.Change change = LiveSettings.between(opened, opened.toBuilder().reloadInterval(Duration.ZERO).build());
    assertEquals(Duration.ZERO, change.effective().reloadInterval());
    assertFalse(change.routingChanged());
    assertEquals(List.of(), change.needRestart());
  }

  @Test
  void theSameSettingsChangeNothing() {
    LiveSettings.Change change = LiveSettings.between(opened, opened.toBuilder().build());
    assertEquals(List.of(), change.applied());
    assertEquals(List.of(), change.needRestart());
    assertEquals(opened, change.effective());
  }
}
