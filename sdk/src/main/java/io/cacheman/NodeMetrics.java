package io.cacheman;

/**
 * One node's counters as the client keeps them, read live: what a metrics system polls (the
 * Micrometer binder in {@code io.cacheman.micrometer} reads these). Counts are cumulative since
 * the node joined the client's node list; reading them costs the request path nothing.
 * {@link #snapshot()} gives the same figures with latency percentiles, frozen.
 */
public interface NodeMetrics {

  /** The node's {@code host:port}, as configured. */
  String node();

  /** Where the node stands in routing now. */
  NodeState state();

  /** Attempts that ended: replied, failed or rejected. */
  long operations();

  /** Keys found by get-type operations. */
  long hits();

  /** Keys not found by get-type operations. */
  long misses();

  /** Attempts that failed: timeouts, connection errors, garbage, error replies, rejections. */
  long errors();

  /** Attempts that ran past their deadline. */
  long timeouts();

  /** Attempts refused at once because the in-flight bound was reached. */
  long rejected();

  /** Connections re-established after a drop. */
  long reconnects();

  /** The sum of every attempt's latency, in nanoseconds. */
  long latencyNanos();

  /** Requests written or queued and not yet answered. */
  int inFlight();

  /** Routing state changes so far. */
  long breakerTransitions();

  /** These figures and the latency percentiles, as an immutable snapshot. */
  NodeStats snapshot();
}
