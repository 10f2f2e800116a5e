package io.cacheman.server;

import io.cacheman.server.internal.store.ItemStore;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The JVM options a node needs for its memory limit M (docs/server.md, "Memory"). Items live in
 * slab pages outside the Java heap, allocated as direct memory up to M (rounded up to whole
 * pages); the hash buckets are direct memory too (each item is charged 8 bytes of them against
 * M; a table that is doubling holds its old buckets beside the new, so at most about M/6 with the
 * smallest items); the heap holds the connections' buffers (a budget of M/16 + 16 MB, see
 * NioServer) and little else. Hence:
 *
 * <pre>
 * -Xmx = M/8 + 64 MB
 * -XX:MaxDirectMemorySize = M (in whole slab pages) + M/4 + 64 MB
 * </pre>
 *
 * With these the resident set stays below 1.25 × M + 192 MB plus one slab page. The shipped
 * service files, the README's command and the benchmark's server launch all use them.
 */
public final class JvmSizing {
  private static final long MB = 1L << 20;
  private static final long HEADROOM = 64 * MB;

  private JvmSizing() {}

  /** Heap for a node with this memory limit: M/8 + 64 MB, in MB. */
  public static long heapMegabytes(long memoryLimitBytes) {
    return ceilMb(memoryLimitBytes / 8 + HEADROOM);
  }

  /** Direct memory for a node with these limits: its slab pages + M/4 + 64 MB, in MB. */
  public static long directMemoryMegabytes(long memoryLimitBytes, int maxItemSize) {
    return ceilMb(ItemStore.slabBytes(memoryLimitBytes, maxItemSize) + memoryLimitBytes / 4
        + HEADROOM);
  }

  /** {@code -Xmx…m} and {@code -XX:MaxDirectMemorySize=…m} for a node with these limits. */
  public static List<String> options(long memoryLimitBytes, int maxItemSize) {
    return List.of("-Xmx" + heapMegabytes(memoryLimitBytes) + "m",
        "-XX:MaxDirectMemorySize=" + directMemoryMegabytes(memoryLimitBytes, maxItemSize) + "m");
  }

  /** The direct memory this JVM allows: {@code -XX:MaxDirectMemorySize}, else the heap limit. */
  static long maxDirectMemoryBytes() {
    try {
      String value = ManagementFactory.getPlatformMXBean(
          com.sun.management.HotSpotDiagnosticMXBean.class)
          .getVMOption("MaxDirectMemorySize").getValue();
      long bytes = Long.parseLong(value);
      return bytes > 0 ? bytes : Runtime.getRuntime().maxMemory();
    } catch (RuntimeException e) {
      // not a HotSpot JVM, or the option is unknown: its default is the heap limit
      return Runtime.getRuntime().maxMemory();
    }
  }

  private static long ceilMb(long bytes) {
    return (bytes + MB - 1) / MB;
  }
}
