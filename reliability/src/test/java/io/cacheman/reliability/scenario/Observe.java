package io.cacheman.reliability.scenario;

import static org.junit.jupiter.api.Assertions.fail;

import io.cacheman.Cache;
import io.cacheman.NodeState;
import io.cacheman.reliability.workload.Report;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
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

  /**
   * Lets {@code d} pass while other threads (a workload, a fault) do their work; polled like
   * {@link #until}, so a scenario's timeline needs no sleep.
   */
  static void runFor(Duration d) {
    long end = System.nanoTime() + d.toNanos();
    until(d + " to pass", System.nanoTime(), d.plusSeconds(1), () -> System.nanoTime() - end >= 0);
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

  /** Bytes each live thread of this JVM has allocated so far, by thread id (HotSpot's exact per-thread counter). */
  static Map<Long, Long> allocatedByThread() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long[] ids = threads.getAllThreadIds();
    long[] bytes = threads.getThreadAllocatedBytes(ids);
    Map<Long, Long> byThread = new HashMap<>();
    for (int i = 0; i < ids.length; i++) {
      if (bytes[i] >= 0) {
        byThread.put(ids[i], bytes[i]);
      }
    }
    return byThread;
  }

  /**
   * Bytes the JVM's threads allocated since {@code before} ({@link #allocatedByThread()}), garbage
   * included: what a heap had to find room for, which heap after GC alone does not show. Threads
   * that ended meanwhile are not counted.
   */
  static long allocatedSince(Map<Long, Long> before) {
    long sum = 0;
    for (Map.Entry<Long, Long> now : allocatedByThread().entrySet()) {
      sum += now.getValue() - before.getOrDefault(now.getKey(), 0L);
    }
    return sum;
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
