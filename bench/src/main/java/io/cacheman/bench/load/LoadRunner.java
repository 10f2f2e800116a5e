package io.cacheman.bench.load;

import io.cacheman.bench.client.ClientAdapter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one client with a workload: a warmup that is run but not counted, then a measured window
 * that ends after the duration or when the request cap is reached. Reports once a second.
 *
 * <pre>{@code
 * RunResult r = new LoadRunner(client, workload, spec, ProgressListener.QUIET).run();
 * System.out.printf("%.0f ops/s, p99 %.0f us%n", r.opsPerSecond(), r.latencyMicros(99));
 * }</pre>
 *
 * <h2>Threading</h2>
 * {@link #run} blocks its caller, which does the once-a-second reporting, while
 * {@code spec.threads()} worker threads generate load. A runner runs once.
 */
public final class LoadRunner {
  private static final Logger log = LoggerFactory.getLogger(LoadRunner.class);
  private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final ClientAdapter client;
  private final Workload workload;
  private final LoadSpec spec;
  private final ProgressListener progress;
  private final Duration drainTimeout;
  private final RunStats stats;
  private volatile boolean running = true;
  private long startNanos;
  private long nextTick;
  private Counts lastCounts = Counts.ZERO;
  private long lastReport;

  /**
   * A runner; {@code drainTimeout} bounds how long async requests still in flight at the end are
   * waited for (use a little more than the client's operation timeout).
   */
  public LoadRunner(ClientAdapter client, Workload workload, LoadSpec spec, ProgressListener progress,
      Duration drainTimeout) {
    this.client = client;
    this.workload = workload;
    this.spec = spec;
    this.progress = progress;
    this.drainTimeout = drainTimeout;
    this.stats = new RunStats(spec.threads());
  }

  /** A runner that waits up to 5 seconds for requests still in flight at the end. */
  public LoadRunner(ClientAdapter client, Workload workload, LoadSpec spec, ProgressListener progress) {
    this(client, workload, spec, progress, Duration.ofSeconds(5));
  }

  /** Runs the warmup and the measured window and returns what the window measured. */
  public RunResult run() throws InterruptedException {
    CountDownLatch done = new CountDownLatch(spec.threads());
    AtomicLong unfinished = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < spec.threads(); i++) {
      Worker worker = spec.mode() == LoadSpec.Mode.SYNC
          ? new SyncWorker(i, client, workload, stats, spec.perThreadQuota(i), spec.seed(), () -> running, done)
          : new AsyncWorker(i, client, workload, stats, spec.perThreadQuota(i), spec.seed(), () -> running, done,
              spec.window(), drainTimeout, unfinished);
      threads.add(WorkerThreads.unstarted(worker, "bench-worker-" + i, spec.virtual()));
    }
    long cpuAtStart = ProcessCpu.nanos();
    startNanos = System.nanoTime();
    nextTick = startNanos + TICK_NANOS;
    lastReport = startNanos;
    threads.forEach(Thread::start);
    try {
      boolean finished = false;
      Counts atStart = Counts.ZERO;
      long measureStart = startNanos;
      if (!spec.warmup().isZero()) {
        finished = tickUntil(startNanos + spec.warmup().toNanos(), false, null, done);
        stats.drain(); // the warmup's latencies are not part of the result
        atStart = stats.counts();
        measureStart = System.nanoTime();
        cpuAtStart = ProcessCpu.nanos(); // the warmup's CPU (and the JIT's during it) is not counted
      }
      Histogram total = new Histogram(3);
      if (!finished) {
        tickUntil(measureStart + spec.duration().toNanos(), true, total, done);
      } else {
        log.warn("the request cap was used up during the warmup; nothing was measured");
      }
      long measureEnd = System.nanoTime();
      long cpu = ProcessCpu.between(cpuAtStart, ProcessCpu.nanos());
      stats.stopRecording();
      running = false;
      for (Thread t : threads) {
        t.join();
      }
      total.add(stats.drain());
      if (unfinished.get() > 0) {
        log.warn("{} requests were still unanswered {} after the run ended", unfinished.get(), drainTimeout);
      }
      return new RunResult(Duration.ofNanos(measureEnd - measureStart), stats.counts().minus(atStart), total,
          stats.firstError(), cpu);
    } finally {
      running = false;
    }
  }

  /**
   * Reports once a second until {@code deadline}; returns true when all workers finished (request
   * cap reached) before it.
   */
  private boolean tickUntil(long deadline, boolean measuring, Histogram total, CountDownLatch done)
      throws InterruptedException {
    while (true) {
      long now = System.nanoTime();
      if (now >= deadline) {
        return false;
      }
      if (done.await(Math.min(nextTick, deadline) - now, TimeUnit.NANOSECONDS)) {
        return true;
      }
      if (System.nanoTime() >= nextTick) {
        report(measuring, total);
        nextTick += TICK_NANOS;
      }
    }
  }

  private void report(boolean measuring, Histogram total) {
    Histogram interval = stats.drain();
    if (total != null) {
      total.add(interval);
    }
    Counts now = stats.counts();
    Counts delta = now.minus(lastCounts);
    lastCounts = now;
    long nanos = System.nanoTime();
    double seconds = Math.max(nanos - lastReport, 1) / 1e9;
    lastReport = nanos;
    long second = Math.round((nanos - startNanos) / 1e9);
    double p99 = interval.getTotalCount() == 0 ? Double.NaN : interval.getValueAtPercentile(99) / 1000.0;
    progress.onInterval(new ProgressListener.Progress(
        measuring, second, delta.operations() / seconds, delta.hitRatio(), p99, delta.errors()));
  }
}
