/**
 * JMH micro-benchmarks, each against a baseline in the same run (Caffeine's habit): key routing,
 * and the load generator's own per-request cost. Run them with
 * {@code java -jar bench/target/cacheman-bench.jar jmh [regex]}.
 */
package io.cacheman.bench.jmh;
