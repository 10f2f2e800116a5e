package io.cacheman.reliability.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cacheman.Cache;
import io.cacheman.Cacheman;
import io.cacheman.Transcoders;
import io.cacheman.config.CachemanConfig;
import io.cacheman.config.OnReturn;
import io.cacheman.reliability.node.NodeProcess;
import io.cacheman.reliability.scenario.NodeReturn.Figures;
import io.cacheman.reliability.testing.Expect;
import io.cacheman.reliability.workload.CheckedValue;
import io.cacheman.reliability.workload.SchedulingNoise;
import io.cacheman.reliability.workload.Workload;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * RELIABILITY §B 16 with a hung node: three server-minimal processes, one frozen by SIGSTOP for
 * {@link NodeReturn#CUT} (far past the failure threshold) while eight checked threads keep writing,
 * then SIGCONT. The frozen node still holds the values it had; every key this client wrote
 * elsewhere meanwhile must be gone from it before it takes traffic again, so reads started after
 * its return are never older than the last acknowledged write. With two client processes (one
 * writes, one reads) the same pause is measured, not asserted: each client repairs only what it
 * wrote, and each re-admits the node when its own probe succeeds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReturningNodeTest {
  private static final int NODES = 3;
  private static final int VICTIM = 1;
  private static final int TWO_CLIENT_KEYS = 400;
  private NodeProcesses nodes;
  private CachemanConfig base;

  /** The tests only pause and resume (in a finally), so the nodes live as long as the class. */
  @BeforeAll
  void startNodes() {
    nodes = NodeProcesses.start(NODES);
    base = NodeReturn.settings(CachemanConfig.builder().nodes(nodes.addresses())).build();
  }

  @AfterAll
  void stopNodes() {
    nodes.close();
  }

  private Figures sigstopAndSigcont(CachemanConfig config, String prefix) {
    NodeProcess victim = nodes.get(VICTIM);
    return NodeReturn.run("B16 SIGSTOP", config, VICTIM, new NodeReturn.Cut() {
      @Override
      public void start() {
        victim.pause();
      }

      @Override
      public void heal() {
        victim.resume();
      }
    }, prefix);
  }

  /** The default settings: the client deletes, on the returning node, the keys it wrote elsewhere. */
  @Test
  void aResumedNodeServesNothingOlderThanWhatWasWrittenWhileItWasOut() {
    Figures f = sigstopAndSigcont(base, "ret-log:");
    NodeReturn.assertSafeAndInTime(f);
    assertEquals(0, f.staleAfterReturn(), "reads older than the last acknowledged write after the node returned");
  }

  /** A log of 10 keys overflows at once: the default {@code onReturn} empties the node instead. */
  @Test
  void whenTheReturnLogOverflowsTheNodeIsFlushedBeforeItReturns() {
    Figures f = sigstopAndSigcont(base.toBuilder().returnLogSize(10).build(), "ret-flush:");
    NodeReturn.assertSafeAndInTime(f);
    assertEquals(0, f.staleAfterReturn(), "reads older than the last acknowledged write after the node returned");
  }

  /**
   * The old behaviour, for the "before" figure of docs/RELIABILITY.md: nothing logged, the node
   * taken back as it is. Its stale count is printed, not asserted (it depends on the load).
   */
  @Test
  void withoutRepairTheStaleReadsAreMeasured() {
    Figures f = sigstopAndSigcont(base.toBuilder().onReturn(OnReturn.NONE).returnLogSize(0).build(), "ret-none:");
    NodeReturn.assertSafeAndInTime(f);
    Observe.figures("B16 SIGSTOP", "without repair (onReturn NONE, no log): " + f.staleAfterReturn()
        + " stale reads after the return");
  }

  /**
   * Two client processes: a child JVM ({@link WriterProcess}) is the only writer of its keys and
   * logs each acknowledged set; this JVM reads them and logs each read. Each client takes the node
   * out and back by itself, so for a while they may disagree on where a key lives. A read is stale
   * when a newer value of its key had been acknowledged before the read started (the processes
   * share CLOCK_MONOTONIC). The figures are for docs/RELIABILITY.md; what is asserted is that the
   * measurement worked, values are intact, and no call outlived its deadline.
   */
  @Test
  void twoClientProcessesAreMeasured(@TempDir Path dir) throws InterruptedException {
    String watched = base.nodes().get(VICTIM).id();
    String prefix = "two:";
    List<List<long[]>> reads = new ArrayList<>(); // per reader: {key, seq read or -1, start}
    AtomicLong badValues = new AtomicLong();
    AtomicLong slowestRead = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    try (ChildWriter child = ChildWriter.start(base, watched, prefix, TWO_CLIENT_KEYS, Duration.ofSeconds(60), dir);
        SchedulingNoise noise = SchedulingNoise.start();
        Cache<byte[]> cache = Cacheman.builder().config(base).transcoder(Transcoders.bytes()).build();
        NodeStateLog mine = NodeStateLog.watch(cache, watched, c -> { })) {
      child.await("that it is ready", "ready"::equals, Duration.ofSeconds(60));
      Workload.untilConnected(cache);
      List<Thread> readers = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        List<long[]> log = new ArrayList<>();
        reads.add(log);
        Thread r = new Thread(() -> readLoop(cache, prefix, log, badValues, slowestRead, stop), "two-clients-reader");
        r.setDaemon(true);
        r.start();
        readers.add(r);
      }
      Observe.runFor(Duration.ofMillis(1_500));
      NodeProcess victim = nodes.get(VICTIM);
      long paused = System.nanoTime();
      long resumed;
      victim.pause();
      try {
        Observe.until("the pause to last " + NodeReturn.CUT, paused, NodeReturn.CUT.plusSeconds(2),
            () -> Expect.since(paused).compareTo(NodeReturn.CUT) >= 0);
      } finally {
        resumed = System.nanoTime();
        victim.resume();
      }
      Observe.until("this client to take the node back", resumed, Duration.ofSeconds(10), () -> mine.upSince(resumed) >= 0);
      long childUp = child.awaitUp(resumed, Duration.ofSeconds(10));
      long parentUp = mine.upSince(resumed);
      Observe.runFor(Duration.ofSeconds(3));
      stop.set(true);
      for (Thread r : readers) {
        r.join(TimeUnit.SECONDS.toMillis(10));
      }
      ChildWriter.Log writes = child.quit(Duration.ofSeconds(30));
      long first = Math.min(childUp, parentUp);
      long second = Math.max(childUp, parentUp);
      long[] stale = new long[3]; // while the node was out or coming back, between the re-admissions, after both
      long total = 0;
      for (List<long[]> log : reads) {
        for (long[] r : log) {
          total++;
          if (r[1] >= 0 && r[1] < writes.lastAckedBefore((int) r[0], r[2]) && r[2] - paused >= 0) {
            stale[r[2] - first < 0 ? 0 : r[2] - second < 0 ? 1 : 2]++;
          }
        }
      }
      Observe.figures("B16 two clients", "reads " + total + " (this JVM), acked sets " + writes.acks()
          + " (child JVM); node back in routing " + (parentUp - resumed) / 1_000_000 + " ms after SIGCONT for the "
          + "reader, " + (childUp - resumed) / 1_000_000 + " ms for the writer: a gap of " + (second - first) / 1_000_000
          + " ms; stale reads while the node was out or returning " + stale[0] + ", between the two re-admissions "
          + stale[1] + ", after both " + stale[2] + "; slowest read " + slowestRead.get() / 1_000_000
          + " ms, slowest set " + writes.slowest().toMillis() + " ms; worst scheduling lateness "
          + noise.worstLateness().toMillis() + " ms here, " + writes.lateness().toMillis() + " ms in the child");
      Expect.atLeast("reads", total, 1);
      Expect.atLeast("acknowledged sets", writes.acks(), 1);
      Expect.atLeast("the writer saw the node return", NodeStateLog.upSince(writes.states(), resumed), 0);
      assertEquals(0, badValues.get(), "values of the wrong key or corrupted");
      Expect.atMost("slowest read", Duration.ofNanos(slowestRead.get()),
          NodeReturn.OP_TIMEOUT.plusMillis(50).plus(noise.allowance()));
      Expect.atMost("slowest set in the child", writes.slowest(),
          NodeReturn.OP_TIMEOUT.plusMillis(50).plus(writes.lateness().multipliedBy(2)));
    }
  }

  /** Reads random keys of the child's until stopped (or a bound), logging {key, seq read, start}. */
  private static void readLoop(Cache<byte[]> cache, String prefix, List<long[]> log, AtomicLong badValues,
      AtomicLong slowest, AtomicBoolean stop) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int n = 0; n < 2_000_000 && !stop.get(); n++) {
      int i = random.nextInt(TWO_CLIENT_KEYS);
      String key = prefix + i;
      long start = System.nanoTime();
      try {
        byte[] value = cache.get(key);
        CheckedValue.Decoded d = value == null ? null : CheckedValue.decode(value);
        if (value != null && (d == null || !d.key().equals(key))) {
          badValues.incrementAndGet();
        }
        log.add(new long[] {i, d == null ? -1 : d.seq(), start});
      } catch (RuntimeException e) {
        // a failed read reads nothing: it cannot be stale
      }
      slowest.accumulateAndGet(System.nanoTime() - start, Math::max);
    }
  }
}
