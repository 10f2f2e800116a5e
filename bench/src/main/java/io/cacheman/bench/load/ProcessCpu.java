package io.cacheman.bench.load;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * CPU time used so far by this JVM, all its threads together (the client's, the load generator's,
 * the JIT's and the GC's). On Linux the JDK reads it from {@code times(2)}, so it advances in clock
 * ticks (10 ms): a measured window needs seconds of CPU for the figure to be precise.
 */
public final class ProcessCpu {
  /** Returned when the platform does not report process CPU time. */
  public static final long UNAVAILABLE = -1;

  private ProcessCpu() {}

  /** CPU nanoseconds this process has used, or {@link #UNAVAILABLE}. */
  public static long nanos() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      long nanos = sun.getProcessCpuTime();
      return nanos < 0 ? UNAVAILABLE : nanos;
    }
    return UNAVAILABLE;
  }

  /** The CPU used between two readings, or {@link #UNAVAILABLE} when either is. */
  public static long between(long start, long end) {
    return start < 0 || end < 0 ? UNAVAILABLE : end - start;
  }
}
