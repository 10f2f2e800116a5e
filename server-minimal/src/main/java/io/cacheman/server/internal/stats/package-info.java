/** Counters of the cache node and their JMX view. */
package io.cacheman.server.internal.stats;
