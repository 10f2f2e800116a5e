/**
 * The Cacheman cache node: a memory-bounded server speaking the memcached text protocol.
 *
 * <p>Embed it with {@link io.cacheman.server.CachemanServer#start(ServerConfig)}, or run it from
 * the command line with {@link io.cacheman.server.ServerMain}. Everything under {@code
 * io.cacheman.server.internal} is implementation and may change at any time.
 */
package io.cacheman.server;
