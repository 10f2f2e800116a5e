/**
 * Key-to-node routing (DESIGN.md §3): {@link io.cacheman.internal.routing.NodeLocator} with its
 * FNV-1a modulo and ketama implementations, and the multi-get {@link io.cacheman.internal.routing.KeyGrouper}.
 * Routing knows keys and node indexes, never sockets. Internal: may change in any release.
 */
package io.cacheman.internal.routing;
