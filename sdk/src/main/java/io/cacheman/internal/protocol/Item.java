package io.cacheman.internal.protocol;

/**
 * One value read by a retrieval command.
 *
 * @param flags the item's 32-bit flags
 * @param data the value's bytes
 * @param cas the CAS unique ({@code gets}/{@code gats}), 0 otherwise
 */
public record Item(int flags, byte[] data, long cas) {}
