/**
 * JMH micro-benchmarks, none touching the network, each against a baseline in the same run where
 * one exists (Caffeine's habit): key routing and the client codec (against spymemcached),
 * transcoding (against spymemcached and folsom), server-minimal's protocol path and item store
 * (against a {@code ConcurrentHashMap}), and the load generator's own per-request cost. Run them
 * with {@code java -jar bench/target/cacheman-bench.jar jmh [regex] [JMH options]}.
 */
package io.cacheman.bench.jmh;
