/**
 * The item store: lock-striped segments of compact {@code byte[]} items, memory accounting,
 * eviction, expiry and flush.
 */
package io.cacheman.server.internal.store;
