package io.cacheman.testing;

import io.cacheman.AsyncCache;
import io.cacheman.AsyncCache;
import io.cacheman.Cache;
import io.cacheman.Cacheman;
import io.cacheman.config.CachemanConfig;
import io.cacheman.config.NodeAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * Opens test clients: quick failover and reconnects, and an operation timeout generous enough for
 * a busy shared machine (tests of timeouts set their own, shorter one).
 */
public final class Clients {
  private Clients() {}

  public static CachemanConfig.Builder config(NodeAddress... nodes) {
    return CachemanConfig.builder().nodes(Arrays.asList(nodes))
        .operationTimeout(Duration.ofSeconds(2))
        .connectTimeout(Duration.ofSeconds(1))
        .retryInterval(Duration.ofMillis(300))
        .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200));
  }

  public static Cache<String> strings(NodeAddress... nodes) {
    return strings(c -> c, nodes);
  }

  public static Cache<String> strings(UnaryOperator<CachemanConfig.Builder> tweak, NodeAddress... nodes) {
    return Cacheman.builder().config(tweak.apply(config(nodes)).build()).transcoder(Strings.UTF8).build();
  }

  /** A client handed out as its non-blocking view, which owns it (closing it closes the client). */
  public static AsyncCache<String> asyncStrings(UnaryOperator<CachemanConfig.Builder> tweak, NodeAddress... nodes) {
    return Cacheman.builder().config(tweak.apply(config(nodes)).build()).transcoder(Strings.UTF8).buildAsync();
  }
}
