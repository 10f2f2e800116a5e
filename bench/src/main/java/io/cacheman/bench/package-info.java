/**
 * The benchmark program: {@link io.cacheman.bench.BenchMain} and its commands. Load generation
 * lives in {@code load}, the client adapters in {@code client}, the servers the bench starts in
 * {@code server}, the command line in {@code cli} and the JMH micro-benchmarks in {@code jmh}.
 */
package io.cacheman.bench;
