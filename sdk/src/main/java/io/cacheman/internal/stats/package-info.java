/** Per-node counters and latency histograms behind {@link io.cacheman.ClientStats}, and their JMX beans. */
package io.cacheman.internal.stats;
