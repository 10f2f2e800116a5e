package io.cacheman.micrometer;

import io.cacheman.NodeState;
import io.cacheman.NodeMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The meters of one node in one registry. Every meter reads the node's own counters when the
 * registry asks (nothing is recorded twice); this object is what the function meters hold, and the
 * binder keeps it alive for as long as the node is in the client's node list.
 *
 * <p>Counts derived as differences of two counters (successes are operations minus errors) are
 * read without a lock, so they are kept from ever stepping back: a counter that went down would
 * read as a reset in a monitoring system.
 */
final class NodeMeters {
  private final NodeMetrics node;
  private final Monotonic successes;
  private final Monotonic otherErrors;
  private final Monotonic timed;
  private final List<Meter> meters = new ArrayList<>();

  private NodeMeters(NodeMetrics node) {
    this.node = node;
    this.successes = new Monotonic(() -> node.operations() - node.errors());
    this.otherErrors = new Monotonic(() -> node.errors() - node.timeouts() - node.rejected());
    this.timed = new Monotonic(() -> node.operations() - node.rejected());
  }

  /** Registers the meters of {@code node} in {@code registry}, tagged with {@code tags} and its {@code node}. */
  static NodeMeters register(MeterRegistry registry, Tags tags, NodeMetrics node) {
    NodeMeters m = new NodeMeters(node);
    Tags own = tags.and("node", node.node());
    m.requests(registry, own, "success", x -> x.successes.getAsDouble());
    m.requests(registry, own, "error", x -> x.otherErrors.getAsDouble());
    m.requests(registry, own, "timeout", x -> x.node.timeouts());
    m.requests(registry, own, "rejected", x -> x.node.rejected());
    m.counter(registry, "cacheman.client.gets", own.and("result", "hit"), "keys",
        "Keys found by get-type operations", x -> x.node.hits());
    m.counter(registry, "cacheman.client.gets", own.and("result", "miss"), "keys",
        "Keys not found by get-type operations", x -> x.node.misses());
    m.meters.add(FunctionTimer.builder("cacheman.client.latency", m, x -> (long) x.timed.getAsDouble(),
            x -> x.node.latencyNanos(), TimeUnit.NANOSECONDS)
        .tags(own).description("Time from sending a request to its reply or failure").register(registry));
    m.meters.add(Gauge.builder("cacheman.client.in.flight", m, x -> x.node.inFlight()).tags(own)
        .baseUnit("requests").description("Requests sent or queued and not yet answered").register(registry));
    m.counter(registry, "cacheman.client.reconnects", own, "connections",
        "Connections re-established after a drop", x -> x.node.reconnects());
    for (NodeState state : NodeState.values()) {
      m.meters.add(Gauge.builder("cacheman.client.breaker.state", m, x -> x.node.state() == state ? 1 : 0)
          .tags(own.and("state", state.name().toLowerCase(Locale.ROOT)))
          .description("1 for the node's routing state (up, out, probing), 0 for the others").register(registry));
    }
    m.counter(registry, "cacheman.client.breaker.transitions", own, "transitions",
        "Circuit breaker state changes", x -> x.node.breakerTransitions());
    return m;
  }

  /** Removes this node's meters from {@code registry}. */
  void remove(MeterRegistry registry) {
    meters.forEach(registry::remove);
    meters.clear();
  }

  private void requests(MeterRegistry registry, Tags tags, String outcome, ToDoubleFunction<NodeMeters> count) {
    counter(registry, "cacheman.client.requests", tags.and("outcome", outcome), "requests",
        "Requests to the node by outcome: success (any reply but an error line), error (connection, protocol "
            + "or server error), timeout, rejected (in-flight bound reached)", count);
  }

  private void counter(MeterRegistry registry, String name, Tags tags, String unit, String description,
      ToDoubleFunction<NodeMeters> count) {
    meters.add(FunctionCounter.builder(name, this, count).tags(tags).baseUnit(unit).description(description)
        .register(registry));
  }

  /** A count computed from racy reads that never goes down. */
  private static final class Monotonic {
    private final LongSupplier source;
    private long last;

    Monotonic(LongSupplier source) {
      this.source = source;
    }

    synchronized double getAsDouble() {
      last = Math.max(last, source.getAsLong());
      return last;
    }
  }
}
