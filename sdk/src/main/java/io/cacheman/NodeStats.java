package io.cacheman;

import java.time.Duration;

/**
 * An immutable snapshot of one node's counters, as the client saw them (or their sum over all
 * nodes, in {@link ClientStats#total()}, whose node is {@code "*"}).
 *
 * @param node the node's {@code host:port}
 * @param state routing state ({@link NodeState#UP} for the total when any node is up)
 * @param operations completed operations, successful or not
 * @param hits keys found by get-type operations
 * @param misses keys not found by get-type operations
 * @param errors operations that failed, timeouts and rejections included
 * @param timeouts operations that ran past the operation timeout
 * @param rejected operations refused at once because the in-flight bound was reached
 * @param inFlight requests written or queued and not yet answered, at snapshot time
 * @param reconnects connections re-established after a failure
 * @param breakerTransitions circuit breaker state changes
 * @param latencyP50 median latency of completed operations
 * @param latencyP99 99th percentile latency
 * @param latencyP999 99.9th percentile latency
 * @param latencyMax the slowest operation
 */
public record NodeStats(
    String node,
    NodeState state,
    long operations,
    long hits,
    long misses,
    long errors,
    long timeouts,
    long rejected,
    int inFlight,
    long reconnects,
    long breakerTransitions,
    Duration latencyP50,
    Duration latencyP99,
    Duration latencyP999,
    Duration latencyMax) {

  /** hits / (hits + misses), or 0 when nothing was read. */
  public double hitRatio() {
    long reads = hits + misses;
    return reads == 0 ? 0 : (double) hits / reads;
  }
}
