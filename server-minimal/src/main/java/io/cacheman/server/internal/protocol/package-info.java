/** The memcached text protocol: framing, command parsing and execution, replies. */
package io.cacheman.server.internal.protocol;
