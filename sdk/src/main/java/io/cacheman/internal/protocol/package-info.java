/**
 * The memcached text protocol as bytes: one class per command family, encoding into an okio {@link okio.Buffer}
 * and decoding incrementally through a {@link io.cacheman.internal.protocol.ReplyReader}. No sockets, threads or
 * clocks, so every reply shape can be tested by feeding bytes, one at a time if need be.
 */
package io.cacheman.internal.protocol;
