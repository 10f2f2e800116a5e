/**
 * Failover rules: when a node leaves routing and how it comes back ({@link io.cacheman.internal.failover.NodeHealth},
 * probed by {@link io.cacheman.internal.failover.Probe}, cleaned by {@link io.cacheman.internal.failover.Readmission}),
 * and which failed attempts are tried again ({@link io.cacheman.internal.failover.RetryPolicy}). Where a key goes
 * meanwhile is {@code routing}'s business.
 */
package io.cacheman.internal.failover;
