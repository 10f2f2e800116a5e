/**
 * The servers a benchmark targets: memcached and server-minimal as child processes, the built-in
 * canned server (the I/O ceiling), or servers given by address; plus raw-protocol helpers for
 * bulk loading, stats and resident-memory readings.
 */
package io.cacheman.bench.server;
