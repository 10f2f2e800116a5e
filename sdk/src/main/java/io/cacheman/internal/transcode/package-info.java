/**
 * The built-in transcoders behind {@link io.cacheman.Transcoders}: strings, bytes, decimal numbers, filtered Java
 * serialization, gzip. Internal, but the flags layout they write is documented there and stays.
 */
package io.cacheman.internal.transcode;
