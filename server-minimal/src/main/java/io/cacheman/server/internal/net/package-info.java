/** Sockets and threads of the cache node: acceptor, event loops, connections. */
package io.cacheman.server.internal.net;
