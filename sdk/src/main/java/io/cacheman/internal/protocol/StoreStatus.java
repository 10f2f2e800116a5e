package io.cacheman.internal.protocol;

/**
 * The reply to a storage command (memcached {@code protocol.txt} "Storage commands"): {@code NOT_STORED}
 * when the condition of add, replace, append or prepend was not met; {@code EXISTS} (the item changed
 * since it was read) and {@code NOT_FOUND} only to cas.
 */
public enum StoreStatus { STORED, NOT_STORED, EXISTS, NOT_FOUND }
