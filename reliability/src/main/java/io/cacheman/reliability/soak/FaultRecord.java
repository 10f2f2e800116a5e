package io.cacheman.reliability.soak;

/**
 * What one injected fault (kill -9, then a restart on the same port) cost.
 *
 * @param node the node's index
 * @param atSeconds when the kill happened, seconds into the run
 * @param detectMillis from the kill until the client took the node out of routing, or -1 if it never did
 * @param readmitMillis from the restart until the client routed to the node again, or -1 if it never did
 * @param errors operations that failed between the kill and the re-admission
 * @param maxLatencyMillis the slowest operation started in that window
 * @param hitRatioRecoverySeconds from the re-admission until the one-second hit ratio was back to
 *     90% of the baseline, or -1 if it did not get there before the next fault
 * @param evictions the node's evictions counter just before it was killed
 * @param expired the node's {@code reclaimed} counter (dead items removed) before the kill; {@code
 *     expired_unfetched} counts a subset of the same items, so adding it would count them twice
 */
record FaultRecord(int node, double atSeconds, long detectMillis, long readmitMillis, long errors,
    double maxLatencyMillis, double hitRatioRecoverySeconds, long evictions, long expired) {}
