/**
 * Failover rules: when a node leaves routing and how it comes back ({@link io.cacheman.internal.failover.NodeHealth},
 * probed by {@link io.cacheman.internal.failover.Prober}), and which failed attempts are tried again
 * ({@link io.cacheman.internal.failover.RetryPolicy}). Where a key goes meanwhile is {@code routing}'s business.
 */
package io.cacheman.internal.failover;
