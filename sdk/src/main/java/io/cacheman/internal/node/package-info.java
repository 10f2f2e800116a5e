/**
 * Nodes: each {@link io.cacheman.internal.node.Node} is a connection pool, its health and its counters; built by
 * {@link io.cacheman.internal.node.NodeFactory}, drained by {@link io.cacheman.internal.node.NodeDrain} when it leaves.
 */
package io.cacheman.internal.node;
