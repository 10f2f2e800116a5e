package io.cacheman.testing;

import io.cacheman.Cache;
import io.cacheman.Cacheman;
import io.cacheman.ClientStats;
import io.cacheman.config.CachemanConfig;
import io.cacheman.config.NodeAddress;
import java.time.Duration;

/**
 * What an application without Micrometer does with the SDK: open a client, use it, read its stats,
 * close it. Run by a test in a class loader that cannot see Micrometer.
 */
public final class NoMicrometerProgram {
  private NoMicrometerProgram() {}

  /** Returns what it read back, after checking that Micrometer really is out of sight. */
  public static String run(int port) throws Exception {
    try {
      Class.forName("io.micrometer.core.instrument.MeterRegistry");
      throw new IllegalStateException("Micrometer is visible: the check would prove nothing");
    } catch (ClassNotFoundException expected) {
      // as intended: no Micrometer here
    }
    CachemanConfig config = CachemanConfig.builder().nodes(NodeAddress.of("127.0.0.1", port))
        .operationTimeout(Duration.ofSeconds(2)).build();
    try (Cache<Object> cache = Cacheman.open(config)) {
      cache.set("optional", "works without micrometer");
      ClientStats stats = cache.admin().stats();
      return cache.get("optional") + " after " + stats.total().operations() + " operation(s)";
    }
  }
}
