package io.cacheman.internal.stats;

import io.cacheman.NodeStats;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Registers one {@link NodeStatsMXBean} per node of a client and unregisters them on close. */
public final class JmxExporter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(JmxExporter.class);

  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
  private final List<ObjectName> registered = new ArrayList<>();

  /** The name a node's MBean gets. */
  public static ObjectName name(String client, String node) throws JMException {
    return new ObjectName("io.cacheman:type=Node,client=" + client + ",node=" + ObjectName.quote(node));
  }

  /** Registers a bean reading {@code stats}; a failure is logged, never thrown (JMX is optional). */
  public synchronized void export(String client, String node, Supplier<NodeStats> stats) {
    try {
      ObjectName name = name(client, node);
      server.registerMBean(new Bean(stats), name);
      registered.add(name);
    } catch (JMException e) {
      log.warn("Cacheman could not register JMX stats for node {}: {}", node, e.toString());
    }
  }

  public synchronized void unexport(String client, String node) {
    try {
      ObjectName name = name(client, node);
      if (registered.remove(name)) {
        server.unregisterMBean(name);
      }
    } catch (JMException e) {
      log.debug("unregistering the bean of {} failed", node, e);
    }
  }

  @Override
  public synchronized void close() {
    for (ObjectName name : registered) {
      try {
        server.unregisterMBean(name);
      } catch (JMException e) {
        log.debug("unregistering {} failed", name, e);
      }
    }
    registered.clear();
  }

  private static final class Bean implements NodeStatsMXBean {
    private final Supplier<NodeStats> stats;

    Bean(Supplier<NodeStats> stats) {
      this.stats = stats;
    }

    @Override public String getNode() { return stats.get().node(); }
    @Override public String getState() { return stats.get().state().name(); }
    @Override public long getOperations() { return stats.get().operations(); }
    @Override public long getHits() { return stats.get().hits(); }
    @Override public long getMisses() { return stats.get().misses(); }
    @Override public long getErrors() { return stats.get().errors(); }
    @Override public long getTimeouts() { return stats.get().timeouts(); }
    @Override public long getRejected() { return stats.get().rejected(); }
    @Override public int getInFlight() { return stats.get().inFlight(); }
    @Override public long getReconnects() { return stats.get().reconnects(); }
    @Override public long getBreakerTransitions() { return stats.get().breakerTransitions(); }
    @Override public long getLatencyP50Micros() { return stats.get().latencyP50().toNanos() / 1000; }
    @Override public long getLatencyP99Micros() { return stats.get().latencyP99().toNanos() / 1000; }
    @Override public long getLatencyP999Micros() { return stats.get().latencyP999().toNanos() / 1000; }
    @Override public long getLatencyMaxMicros() { return stats.get().latencyMax().toNanos() / 1000; }
  }
}
