package io.cacheman.reliability.soak;

import io.cacheman.Cache;
import io.cacheman.Cacheman;
import io.cacheman.Transcoders;
import io.cacheman.config.CachemanConfig;
import io.cacheman.reliability.workload.Checker;
import io.cacheman.reliability.workload.FaultLog;
import io.cacheman.reliability.workload.KeyHomes;
import io.cacheman.reliability.workload.Workload;
import io.cacheman.reliability.workload.WorkloadSettings;
import java.util.concurrent.TimeUnit;

/** The soak's peak: the same workload, unpaced, on its own keys, flushed afterwards. */
final class PeakMeter {
  private PeakMeter() {}

  /** Runs the workload unpaced for the peak period with its own checker; its ops/s. */
  static double measure(SoakSettings settings, CachemanConfig config) throws InterruptedException {
    Checker scratch = new Checker();
    WorkloadSettings shape = WorkloadSettings.builder().threads(settings.threads()).keys(settings.keys())
        .readRatio(settings.readRatio()).multiGetRatio(settings.multiGetRatio())
        .valueSizes(settings.minValueSize(), settings.maxValueSize()).opsPerSecond(0)
        .maxDuration(settings.peakFor().plusSeconds(30)).prefix("peak:").build();
    try (Cache<byte[]> cache = Cacheman.builder().config(config).transcoder(Transcoders.bytes()).build();
        Workload workload = Workload.start(cache, scratch, new FaultLog(settings.nodes()), KeyHomes.of(config),
            shape)) {
      long start = System.nanoTime();
      long before = workload.completed();
      TimeUnit.NANOSECONDS.sleep(settings.peakFor().toNanos());
      long done = workload.completed() - before;
      double perSecond = done / ((System.nanoTime() - start) / 1e9);
      workload.close();
      cache.flushAll(); // the run starts on empty nodes, as without a peak phase
      return perSecond;
    }
  }
}
