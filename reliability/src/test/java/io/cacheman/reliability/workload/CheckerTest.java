package io.cacheman.reliability.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cacheman.CacheTimeoutException;
import io.cacheman.reliability.workload.Checker.KeyState;
import io.cacheman.reliability.workload.Checker.Phase;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** How the checker judges reads against the key's history and the nodes' faults. */
class CheckerTest {
  private final Checker checker = new Checker();
  private final FaultLog faults = new FaultLog(2);
  private final KeyState state = new KeyState();

  private void ackedSet(long seq) {
    checker.setAttempted(state, seq);
    long stamp = faults.stamp(0);
    checker.setAcked(state, seq, faults.stayedHealthy(0, stamp) ? stamp : -1);
  }

  private void read(byte[] value) {
    checker.read("k", state, value, faults.stayedHealthy(0, state.ackStamp));
  }

  @Test
  void aMissOfAnAckedValueOnAnUntouchedNodeIsUnexpected() {
    ackedSet(1);
    faults.faultStarted(1); // another node's fault changes nothing for this key
    read(null);
    assertEquals(1, checker.report().unexpectedMisses());
    assertEquals("k (acked seq 1)", checker.report().firstUnexpectedMiss());
  }

  @Test
  void aMissAfterTheHomeNodeWasDisturbedIsExpected() {
    ackedSet(1);
    faults.faultStarted(0);
    read(null);
    faults.faultEnded(0);
    read(null);
    assertEquals(0, checker.report().unexpectedMisses());
    assertEquals(2, checker.report().misses());
  }

  @Test
  void aSetAckedDuringAFaultIsNotTrusted() {
    faults.faultStarted(0);
    ackedSet(1);
    faults.faultEnded(0);
    read(null);
    assertEquals(0, checker.report().unexpectedMisses());
  }

  @Test
  void aFailedSetMakesTheKeyUnknown() {
    ackedSet(1);
    checker.setAttempted(state, 2);
    checker.setFailed(state);
    read(null);
    assertEquals(0, checker.report().unexpectedMisses());
  }

  @Test
  void wrongKeysCorruptionPhantomsAndStaleValuesAreCountedApart() {
    ackedSet(1);
    ackedSet(2);
    read(CheckedValue.encode("other", 2, 50));
    byte[] bad = CheckedValue.encode("k", 2, 50);
    bad[3] ^= 1;
    read(bad);
    read(CheckedValue.encode("k", 9, 50));
    read(CheckedValue.encode("k", 1, 50));
    read(CheckedValue.encode("k", 2, 50));
    Report r = checker.report();
    assertEquals(1, r.wrongKey());
    assertEquals(1, r.corrupted());
    assertEquals(1, r.phantom());
    assertEquals(1, r.stale());
    assertEquals(5, r.hits());
  }

  @Test
  void staleReadsAreCountedUnderThePhaseTheReadStartedIn() {
    ackedSet(1);
    ackedSet(2);
    checker.phase(Phase.AFTER);
    // Started while the node was still out, judged after it returned: not the returned node's doing.
    checker.read(Phase.DURING, "k", state, CheckedValue.encode("k", 1, 50), true);
    read(CheckedValue.encode("k", 1, 50));
    read(CheckedValue.encode("k", 1, 50));
    Report r = checker.report();
    assertEquals(3, r.stale());
    assertEquals(1, r.stale(Phase.DURING));
    assertEquals(2, r.stale(Phase.AFTER));
    assertEquals(0, r.stale(Phase.BEFORE));
  }

  @Test
  void errorsAreCountedByTypeAndPhaseLookingThroughWrappers() {
    checker.error(Phase.DURING, new CompletionException(new CacheTimeoutException("get k: timed out")));
    checker.error(Phase.AFTER, new CacheTimeoutException("get k: timed out"));
    Report r = checker.report();
    assertEquals(Map.of("CacheTimeoutException", 2L), r.errorsByType());
    assertEquals(1L, r.errorsByPhase().get(Phase.DURING));
    assertEquals(2, r.errors());
  }

  @Test
  void latencyIsKeptPerPhase() {
    checker.latency(Phase.BEFORE, 1_000_000);
    checker.latency(Phase.DURING, 300_000_000);
    Report r = checker.report();
    assertEquals(1, r.count(Phase.BEFORE));
    assertEquals(300, r.max(Phase.DURING).toMillis());
    assertEquals(0, r.count(Phase.AFTER));
  }
}
