/**
 * Sockets: per node a {@link io.cacheman.internal.connection.ConnectionPool} of pipelined
 * {@link io.cacheman.internal.connection.NodeConnection}s, read by
 * {@link io.cacheman.internal.connection.EventLoop} threads. Requests are opaque here
 * ({@link io.cacheman.internal.connection.Request}); replies are matched to them by order alone.
 */
package io.cacheman.internal.connection;
