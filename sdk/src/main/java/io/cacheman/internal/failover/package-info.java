/**
 * Failover, the rules in one place: when a node leaves routing and how it comes back
 * ({@link io.cacheman.internal.failover.NodeHealth}, probed by
 * {@link io.cacheman.internal.failover.Probe}), and which failed attempts are tried again
 * ({@link io.cacheman.internal.failover.RetryPolicy}). Where a key goes while its node is out is
 * routing's business ({@link io.cacheman.internal.routing.Topology}); the pipeline applies both.
 */
package io.cacheman.internal.failover;
