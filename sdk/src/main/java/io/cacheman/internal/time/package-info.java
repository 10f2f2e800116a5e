/**
 * Time as the client reads it ({@link io.cacheman.internal.time.Clock}): injected everywhere
 * something waits or measures, so failover, probe and backoff tests run on a clock moved by hand.
 */
package io.cacheman.internal.time;
