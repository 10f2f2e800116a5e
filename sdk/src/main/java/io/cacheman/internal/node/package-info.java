/**
 * Nodes: each {@link io.cacheman.internal.node.Node} is a pool of connections, its health (in or
 * out of routing) and its counters; built by {@link io.cacheman.internal.node.NodeFactory}, and
 * drained by {@link io.cacheman.internal.node.NodeDrain} when it leaves the node list.
 */
package io.cacheman.internal.node;
