/**
 * The Cacheman client API: open a {@link io.cacheman.Cache} with {@link io.cacheman.Cacheman},
 * share it, and use it from any thread; {@link io.cacheman.Cache#async()} is its non-blocking
 * view and {@link io.cacheman.Cache#admin()} its statistics, routing and live settings. Values go
 * through a {@link io.cacheman.Transcoder} (see {@link io.cacheman.Transcoders}); failures are
 * {@link io.cacheman.CachemanException}s. Nothing outside this package is API.
 */
package io.cacheman;
