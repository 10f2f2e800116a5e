/**
 * Key-to-node routing (DESIGN.md §3), its rule all in {@link io.cacheman.internal.routing.Topology}; routing knows
 * keys and nodes, never sockets.
 */
package io.cacheman.internal.routing;
