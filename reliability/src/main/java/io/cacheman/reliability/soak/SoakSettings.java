package io.cacheman.reliability.soak;

import java.time.Duration;

/**
 * The shape of a soak run (see {@code io.cacheman.reliability.Soak} for each option's meaning).
 *
 * @param length run length
 * @param nodes node processes
 * @param threads client threads
 * @param keys distinct keys
 * @param readRatio share of reads
 * @param multiGetRatio share of reads done as multi-gets
 * @param minValueSize smallest value
 * @param maxValueSize largest value
 * @param rate target ops/s, 0 = unpaced
 * @param killEvery time between two kills
 * @param downFor how long a killed node stays down
 * @param opTimeout the client's operation timeout
 * @param retryInterval the client's failover retry interval
 * @param nodeMemoryMb each node's memory limit
 * @param peakFor how long to measure the unpaced peak before the run (zero: use {@code rate})
 * @param loadFraction the share of the measured peak the run offers
 * @param hostileShare the share of all requests sent by misbehaving raw clients (0 = none)
 * @param pauseEveryOther whether every second fault is a SIGSTOP/SIGCONT instead of a kill
 */
public record SoakSettings(Duration length, int nodes, int threads, int keys, double readRatio, double multiGetRatio,
    int minValueSize, int maxValueSize, int rate, Duration killEvery, Duration downFor, Duration opTimeout,
    Duration retryInterval, int nodeMemoryMb, Duration peakFor, double loadFraction, double hostileShare,
    boolean pauseEveryOther) {

  /** Checks that a node can die while others serve, and that it dies less often than it is down. */
  public SoakSettings {
    if (nodes < 2) {
      throw new IllegalArgumentException("a soak needs at least 2 nodes, so that one can die");
    }
    if (!(hostileShare >= 0 && hostileShare < 1) || !(loadFraction > 0 && loadFraction <= 1)) {
      throw new IllegalArgumentException("--hostile-share must be in [0, 1) and --load-fraction in (0, 1]");
    }
    if (downFor.compareTo(killEvery) >= 0) {
      throw new IllegalArgumentException("--down-for must be shorter than --kill-every");
    }
  }
}
