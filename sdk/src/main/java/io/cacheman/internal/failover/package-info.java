/** Failover: a circuit breaker per node that takes failing nodes out of routing and probes them back, and the retry rules. */
package io.cacheman.internal.failover;
