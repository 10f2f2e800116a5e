package io.cacheman.internal.connection;

/**
 * What setting up a connection established: how its bytes travel (plain or TLS) and which
 * protocol it speaks (meta, or text only).
 *
 * @param meta whether requests go out in memcached's meta protocol where a command has a meta form
 */
record Session(Transport transport, boolean meta) {}
