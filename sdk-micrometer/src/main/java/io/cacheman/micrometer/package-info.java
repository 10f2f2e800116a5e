/**
 * Micrometer metrics for a Cacheman client: {@link io.cacheman.micrometer.CachemanMetrics}. The
 * only package of the SDK that uses Micrometer, an optional dependency: applications without it
 * never load this package, and the rest of the SDK does not need it.
 */
package io.cacheman.micrometer;
