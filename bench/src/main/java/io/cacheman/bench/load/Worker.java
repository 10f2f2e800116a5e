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
  /**
   * For multi-gets, the key indexes already in the current call: an open-addressing set of at least
   * twice the width, where slot j holds {@code taken[j]} if {@code marks[j] == call}.
   */
  private int[] taken;
  private int[] marks;
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
    int width = workload.multiGet();
    if (taken == null) {
      int slots = Integer.highestOneBit(Math.max(2, width) * 2 - 1) << 1; // a power of two >= 2 x width
      taken = new int[slots];
      marks = new int[slots];
    }
    if (++call == 0) { // wrapped: forget every mark
      Arrays.fill(marks, 0);
      call = 1;
    }
    KeySpace space = workload.keys();
    List<String> keys = new ArrayList<>(width);
    for (int k = 0; k < width; k++) {
      int i = workload.distribution().sample(random);
      while (!claim(i)) {
        i = i + 1 == space.size() ? 0 : i + 1;
      }
      keys.add(space.key(i));
    }
    return keys;
  }

  /** Adds key index {@code i} to the current call; false when it is in it already. */
  private boolean claim(int i) {
    int mask = taken.length - 1;
    for (int j = (i * 0x9E3779B9) >>> 7 & mask; ; j = (j + 1) & mask) {
      if (marks[j] != call) {
        marks[j] = call;
        taken[j] = i;
        return true;
      }
      if (taken[j] == i) {
        return false;
      }
    }
  }

  final boolean nextIsGet() {
    double ratio = workload.getRatio();
    return ratio >= 1 || (ratio > 0 && random.nextDouble() < ratio);
  }

  final byte[] nextValue() {
    return workload.values().pick(random);
  }
}
