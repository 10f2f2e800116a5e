package io.cacheman;

/**
 * A value as it travels on the wire: the 32-bit flags memcached keeps beside it and its bytes.
 *
 * @param flags the item's flags (unsigned 32-bit); transcoders record the value's type here
 * @param data the encoded bytes; owned by this object once passed in
 */
public record CachedData(int flags, byte[] data) {}
