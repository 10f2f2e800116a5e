package io.cacheman.bench.load;

import io.cacheman.bench.client.ClientAdapter;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

/**
 * One load thread: draws keys, values and get-or-set from its own seeded random source, so the
 * request sequence of a thread is the same whichever client is measured.
 */
abstract class Worker implements Runnable {
  final int id;
  final ClientAdapter client;
  final Workload workload;
  final RunStats stats;
  final SplittableRandom random;
  private final BooleanSupplier running;
  private final CountDownLatch done;
  private long quota;

  Worker(int id, ClientAdapter client, Workload workload, RunStats stats, long quota, long seed,
      BooleanSupplier running, CountDownLatch done) {
    this.id = id;
    this.client = client;
    this.workload = workload;
    this.stats = stats;
    this.quota = quota;
    this.running = running;
    this.done = done;
    this.random = new SplittableRandom(seed + id);
  }

  @Override
  public final void run() {
    try {
      loop();
    } catch (InterruptedException e) {
      // The run was abandoned; the driving thread reports what was measured.
      Thread.currentThread().interrupt();
    } finally {
      done.countDown();
    }
  }

  abstract void loop() throws InterruptedException;

  /** True while the run goes on and this worker's share of the request cap is not used up. */
  final boolean mayIssue() {
    return quota > 0 && running.getAsBoolean();
  }

  /** Counts one issued request against the cap. */
  final void issued() {
    quota--;
  }

  final String nextKey() {
    return workload.keys().key(workload.distribution().sample(random));
  }

  final boolean nextIsGet() {
    double ratio = workload.getRatio();
    return ratio >= 1 || (ratio > 0 && random.nextDouble() < ratio);
  }

  final byte[] nextValue() {
    return workload.values().pick(random);
  }
}
