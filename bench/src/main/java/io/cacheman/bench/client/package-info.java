/**
 * One {@link io.cacheman.bench.client.ClientAdapter} per client library (Cacheman, spymemcached,
 * xmemcached, folsom), each configured as its documentation recommends for throughput and all
 * moving the same key and value bytes.
 */
package io.cacheman.bench.client;
