/**
 * Checked traffic: values that carry their key, a sequence number and a CRC32
 * ({@link io.cacheman.reliability.workload.CheckedValue}), a
 * {@link io.cacheman.reliability.workload.Workload} that drives them through a real client, and a
 * {@link io.cacheman.reliability.workload.Checker} that counts wrong-key, corrupted, phantom,
 * stale and unexpectedly missing values, errors by type, and latency per fault phase.
 */
package io.cacheman.reliability.workload;
