/**
 * Sockets: per node a {@link io.cacheman.internal.connection.ConnectionPool} of pipelined connections, read by
 * {@link io.cacheman.internal.connection.EventLoop} threads. Requests are opaque here; replies match them by order.
 */
package io.cacheman.internal.connection;
