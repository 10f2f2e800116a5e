/**
 * Node processes under test control: start server-minimal (or memcached, the reference) as a
 * child process, {@code kill -9} it, freeze it with SIGSTOP and thaw it with SIGCONT, restart it
 * on the same port, read its RSS; always by PID, and always cleaned up.
 */
package io.cacheman.reliability.node;
