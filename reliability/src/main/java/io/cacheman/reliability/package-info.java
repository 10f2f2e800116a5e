/**
 * Cacheman's reliability harness: the faults of {@code RELIABILITY.md} made runnable. Fault
 * injection lives in {@code proxy} (network) and {@code node} (processes), checked traffic in
 * {@code workload}, and {@link io.cacheman.reliability.Soak} runs them for minutes.
 */
package io.cacheman.reliability;
