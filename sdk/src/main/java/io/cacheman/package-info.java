/**
 * The Cacheman client API: open a {@link io.cacheman.Cache} with {@link io.cacheman.Cacheman},
 * share it, and use it from any thread; {@link io.cacheman.Cache#async()} is its non-blocking
 * view. Values go through a {@link io.cacheman.Transcoder} (see {@link io.cacheman.Transcoders});
 * failures are {@link io.cacheman.CachemanException}s; {@link io.cacheman.Cache#stats()} gives
 * per-node figures. Everything under {@code io.cacheman.internal} may change without notice.
 */
package io.cacheman;
