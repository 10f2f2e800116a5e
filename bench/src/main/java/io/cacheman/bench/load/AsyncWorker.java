package io.cacheman.bench.load;

import io.cacheman.bench.client.ClientAdapter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * A thread that keeps {@code window} requests in flight: it issues whenever a permit is free and
 * each completion returns its permit. Completions run on the client's threads.
 */
final class AsyncWorker extends Worker {
  private enum Outcome { HIT, MISS, FILLED }

  private static final long POLL_MILLIS = 50;

  private final int window;
  private final Semaphore inFlight;
  private final Duration drainTimeout;
  private final AtomicLong unfinished;

  AsyncWorker(int id, ClientAdapter client, Workload workload, RunStats stats, long quota, long seed,
      BooleanSupplier running, CountDownLatch done, int window, Duration drainTimeout, AtomicLong unfinished) {
    super(id, client, workload, stats, quota, seed, running, done);
    this.window = window;
    this.inFlight = new Semaphore(window);
    this.drainTimeout = drainTimeout;
    this.unfinished = unfinished;
  }

  @Override
  void loop() throws InterruptedException {
    while (mayIssue()) {
      if (inFlight.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        issued();
        issueOne();
      }
    }
    // Let requests in flight finish before the client is closed; a client that loses a request
    // would otherwise hang the run, so the wait is bounded and what is left is reported.
    if (inFlight.tryAcquire(window, drainTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
      inFlight.release(window);
    } else {
      unfinished.addAndGet(window - inFlight.availablePermits());
    }
  }

  private void issueOne() {
    String key = nextKey();
    boolean isGet = nextIsGet();
    byte[] value = nextValue();
    List<String> keys = isGet && workload.multiGet() > 1 ? nextKeys() : null;
    long start = System.nanoTime();
    try {
      if (keys != null) {
        client.getMultiAsync(keys).whenComplete((found, failure) -> {
          if (failure != null) {
            stats.error(unwrap(failure));
          } else {
            stats.multiGet(id, System.nanoTime() - start, keys.size(), found.size());
          }
          inFlight.release();
        });
      } else if (isGet) {
        client.getAsync(key)
            .thenCompose(found -> fillIfMissing(key, found, value))
            .whenComplete((outcome, failure) -> {
              if (failure != null) {
                stats.error(unwrap(failure));
              } else {
                stats.get(id, System.nanoTime() - start, outcome == Outcome.HIT, outcome == Outcome.FILLED);
              }
              inFlight.release();
            });
      } else {
        client.setAsync(key, value).whenComplete((ignored, failure) -> {
          if (failure != null) {
            stats.error(unwrap(failure));
          } else {
            stats.set(id, System.nanoTime() - start);
          }
          inFlight.release();
        });
      }
    } catch (RuntimeException e) {
      // Some libraries throw instead of failing the future (full queue, closed client).
      stats.error(e);
      inFlight.release();
    }
  }

  private CompletionStage<Outcome> fillIfMissing(String key, byte[] found, byte[] value) {
    if (found != null) {
      return CompletableFuture.completedFuture(Outcome.HIT);
    }
    if (!workload.fillOnMiss()) {
      return CompletableFuture.completedFuture(Outcome.MISS);
    }
    return client.setAsync(key, value).thenApply(ignored -> Outcome.FILLED);
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }
}
