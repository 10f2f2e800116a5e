package io.cacheman.reliability.fuzz;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated on the heap by the current thread, from HotSpot's per-thread counter (exact to
 * the allocation, not sampled), so a window around one fuzz input sees what that input made the
 * node allocate.
 */
final class AllocationMeter {
  private static final com.sun.management.ThreadMXBean THREADS = threads();

  private AllocationMeter() {}

  /** Bytes the current thread has allocated since it started. */
  static long allocatedSoFar() {
    return THREADS.getCurrentThreadAllocatedBytes();
  }

  private static com.sun.management.ThreadMXBean threads() {
    if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean)
        || !bean.isThreadAllocatedMemorySupported()) {
      throw new IllegalStateException("the fuzz target needs a JVM that counts each thread's "
          + "allocations (HotSpot's com.sun.management.ThreadMXBean)");
    }
    bean.setThreadAllocatedMemoryEnabled(true);
    return bean;
  }
}
