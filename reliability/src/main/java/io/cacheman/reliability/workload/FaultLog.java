package io.cacheman.reliability.workload;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Which nodes a test has disturbed, and when: the checker's way to tell an unexpected miss (an
 * acknowledged value gone from a node nobody touched) from an expected one.
 *
 * <p>Each node has a stamp: a generation that every disturbance bumps, and a flag while a fault
 * lasts. An operation takes a {@link #stamp} before it starts and after it is acknowledged; the
 * node {@link #stayedHealthy} between two stamps when neither saw a fault and nothing happened in
 * between. Mark a fault's start <em>before</em> injecting it, and its end only once the client
 * routes to the node again. Thread-safe.
 */
public final class FaultLog {
  private final AtomicLongArray stamps;

  /** A log for {@code nodes} nodes, all healthy. */
  public FaultLog(int nodes) {
    stamps = new AtomicLongArray(nodes);
  }

  /** The number of nodes. */
  public int nodes() {
    return stamps.length();
  }

  /** A fault on {@code node} is about to be injected. */
  public void faultStarted(int node) {
    stamps.updateAndGet(node, s -> ((s >>> 1) + 1) << 1 | 1);
  }

  /** The fault on {@code node} is over and the client routes to it again. */
  public void faultEnded(int node) {
    stamps.updateAndGet(node, s -> ((s >>> 1) + 1) << 1);
  }

  /** {@code node} lost its data (restarted) without a lasting fault. */
  public void disturbed(int node) {
    stamps.updateAndGet(node, s -> ((s >>> 1) + 1) << 1 | (s & 1));
  }

  /** True while a fault on {@code node} lasts. */
  public boolean isFaulted(int node) {
    return (stamps.get(node) & 1) != 0;
  }

  /** The node's current stamp. */
  public long stamp(int node) {
    return stamps.get(node);
  }

  /** True when {@code node} had no fault at stamp {@code since} and nothing has happened since. */
  public boolean stayedHealthy(int node, long since) {
    return (since & 1) == 0 && stamps.get(node) == since;
  }
}
