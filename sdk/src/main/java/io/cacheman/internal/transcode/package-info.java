/**
 * The built-in transcoders behind {@link io.cacheman.Transcoders}: strings, bytes, decimal numbers,
 * Java serialization behind an allow-list filter, and gzip compression. Internal: may change in any
 * release; the flags layout they write is documented on {@link io.cacheman.Transcoders} and stays.
 */
package io.cacheman.internal.transcode;
