/**
 * Key-to-node routing (DESIGN.md §3), all of its rule in {@link io.cacheman.internal.routing.Topology}:
 * a node list with its {@link io.cacheman.internal.routing.NodeLocator} (FNV-1a modulo or ketama)
 * and the failover mode. Routing knows keys and nodes, never sockets.
 */
package io.cacheman.internal.routing;
