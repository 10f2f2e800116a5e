/**
 * The memcached text protocol as bytes: one class per command family, each encoding its request
 * into an okio {@link okio.Buffer} and decoding its reply incrementally through a
 * {@link io.cacheman.internal.protocol.ReplyReader}. No sockets, threads or clocks live here, so
 * every reply shape can be tested by feeding bytes, one at a time if need be.
 */
package io.cacheman.internal.protocol;
