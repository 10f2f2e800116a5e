/**
 * The client engine behind {@link io.cacheman.Cache} and {@link io.cacheman.AsyncCache}; not API.
 *
 * <p>A call goes: the view ({@link io.cacheman.internal.DefaultAsyncCache}: validate the key, encode
 * the value, build the command) → {@code pipeline} (route it on the {@code routing} topology, check the
 * node's {@code failover} health, pick a {@code connection}; afterwards record health and stats, retry)
 * → the caller's {@link io.cacheman.internal.pipeline.Invoker} hands it the outcome. Sub-packages also:
 * {@code protocol} (bytes), {@code node}, {@code stats}, {@code transcode} (values), {@code time}.
 */
package io.cacheman.internal;
