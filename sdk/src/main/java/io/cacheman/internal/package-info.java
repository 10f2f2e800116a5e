/**
 * The client engine behind {@link io.cacheman.Cache} and {@link io.cacheman.AsyncCache}; not API.
 *
 * <p>A call goes: view ({@link io.cacheman.internal.DefaultCache} or
 * {@link io.cacheman.internal.DefaultAsyncCache}: validate the key, encode the value, build an
 * {@link io.cacheman.internal.Op}) → {@link io.cacheman.internal.Engine} (route the key, ask the
 * node's breaker, pick a connection) → {@code connection} (batched write, FIFO of in-flight
 * requests, replies decoded on an I/O thread) → back through the engine (health, stats, retry) →
 * the op delivers its outcome: a {@link io.cacheman.internal.SyncOp} wakes its caller, an
 * {@link io.cacheman.internal.AsyncOp} completes its future on the callback executor.
 *
 * <p>Sub-packages: {@code protocol} (bytes), {@code connection} (sockets), {@code routing} (keys
 * to nodes), {@code failover} (breakers, retries), {@code stats}, {@code transcode} (values).
 */
package io.cacheman.internal;
