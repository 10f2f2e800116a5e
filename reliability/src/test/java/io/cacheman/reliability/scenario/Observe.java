package io.cacheman.reliability.scenario;

import static org.junit.jupiter.api.Assertions.fail;

import io.cacheman.Cache;
import io.cacheman.NodeState;
import io.cacheman.reliability.workload.Report;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Measurements the scenarios share: how long until a node changes state, heap, threads. */
final class Observe {
  private Observe() {}

  /**
   * Time from {@code sinceNanos} until {@code condition} holds, polled every millisecond; fails the
   * test if it does not hold within {@code limit}.
   */
  static Duration until(String what, long sinceNanos, Duration limit, BooleanSupplier condition) {
    return until(what, sinceNanos, limit, condition, () -> "");
  }

  /** Like {@link #until(String, long, Duration, BooleanSupplier)}, with {@code detail} in the failure. */
  static Duration until(String what, long sinceNanos, Duration limit, BooleanSupplier condition,
      Supplier<String> detail) {
    long deadline = sinceNanos + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        fail(what + " did not happen within " + limit + " " + detail.get());
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
    return Duration.ofNanos(System.nanoTime() - sinceNanos);
  }

  /** Time from {@code sinceNanos} until the client shows node {@code id} in {@code state}. */
  static Duration nodeState(Cache<?> cache, String id, NodeState state, long sinceNanos, Duration limit) {
    return until("node " + id + " " + state, sinceNanos, limit, () -> cache.admin().stats().node(id).state() == state);
  }

  /** Used heap after a full collection, in bytes. */
  static long heapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Live threads of this JVM but the fault proxy's (the test harness's, not the system's under test). */
  static int threadsOutsideTheHarness() {
    return (int) Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !t.getName().startsWith("fault-proxy-")).count();
  }

  /** Names of the live threads of this JVM. */
  static Set<String> threadNames() {
    Set<String> names = new TreeSet<>();
    Thread.getAllStackTraces().keySet().forEach(t -> names.add(t.getName()));
    return names;
  }

  /** Live threads whose names were not among {@code before}, and how many share each name. */
  static String newThreads(Set<String> before) {
    java.util.Map<String, Integer> now = new java.util.TreeMap<>();
    Thread.getAllStackTraces().keySet().forEach(t -> now.merge(t.getName(), 1, Integer::sum));
    java.util.Map<String, Integer> added = new java.util.TreeMap<>(now);
    added.keySet().removeIf(name -> before.contains(name) && now.get(name) == 1);
    return added.toString();
  }

  /** Live threads of this JVM. */
  static int threads() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }

  /** Fails with the report's summary unless nothing that must never happen did. */
  static void clean(Report r) {
    if (!r.clean()) {
      fail("the workload saw what must never happen:\n" + r.summary());
    }
  }

  /** Prints a scenario's figures to the test output (kept in target/surefire-reports). */
  static void figures(String scenario, String text) {
    System.out.println("[" + scenario + "] " + text.strip());
  }
}
