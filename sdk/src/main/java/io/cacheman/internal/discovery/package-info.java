/**
 * Node lists found in DNS ({@code cacheman.nodes = dns:HOST:PORT} or {@code dns+srv:NAME}): the
 * {@link io.cacheman.internal.discovery.Resolver} that asks DNS, and
 * {@link io.cacheman.internal.discovery.NodeLookup}, which turns its answers into a node list. No
 * threads and no state: the client decides when to look up and what to do with the answer.
 */
package io.cacheman.internal.discovery;
