/**
 * The load generator: a {@link io.cacheman.bench.load.Workload} (keys, key distribution, values,
 * get ratio) driven by {@link io.cacheman.bench.load.LoadRunner} in sync or async mode, with
 * latencies in HdrHistogram and a result per measured window.
 */
package io.cacheman.bench.load;
