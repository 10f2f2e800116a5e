package io.cacheman.bench.load;

import io.cacheman.bench.client.ClientAdapter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
  /** For multi-gets: {@code stamps[i] == call} when key i is already in call number {@code call}. */
  private int[] stamps;
  private int call;

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

  /**
   * The {@code workload.multiGet()} distinct keys of the next multi-get, each drawn as {@link
   * #nextKey} draws one; a key already in the call is replaced by the next unused index. A fresh
   * list each call: the client may hold on to it until the call completes.
   */
  final List<String> nextKeys() {
    KeySpace space = workload.keys();
    if (stamps == null) {
      stamps = new int[space.size()]; // a few hundred KB per worker, only for multi-gets
    }
    if (++call == 0) { // wrapped: forget every stamp
      Arrays.fill(stamps, 0);
      call = 1;
    }
    int width = workload.multiGet();
    List<String> keys = new ArrayList<>(width);
    for (int k = 0; k < width; k++) {
      int i = workload.distribution().sample(random);
      while (stamps[i] == call) {
        i = i + 1 == stamps.length ? 0 : i + 1;
      }
      stamps[i] = call;
      keys.add(space.key(i));
    }
    return keys;
  }

  final boolean nextIsGet() {
    double ratio = workload.getRatio();
    return ratio >= 1 || (ratio > 0 && random.nextDouble() < ratio);
  }

  final byte[] nextValue() {
    return workload.values().pick(random);
  }
}
