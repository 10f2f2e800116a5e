package io.cacheman.bench.load;

import io.cacheman.bench.client.ClientAdapter;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stores every key of a key space once, before measuring, so that gets hit. Uses the client that
 * will be measured, so keys land on the nodes that client routes them to.
 */
public final class Preloader {
  private static final int WINDOW = 256;

  private Preloader() {}

  /**
   * Sets key i to {@code values.forKey(i)} for every key, {@value #WINDOW} sets in flight.
   *
   * @throws IllegalStateException naming how many sets failed and the first failure
   */
  public static void preload(ClientAdapter client, KeySpace keys, ValueSizes values, Duration timeout)
      throws InterruptedException {
    Semaphore inFlight = new Semaphore(WINDOW);
    AtomicLong failed = new AtomicLong();
    AtomicReference<Throwable> first = new AtomicReference<>();
    for (int i = 0; i < keys.size(); i++) {
      inFlight.acquire();
      try {
        client.setAsync(keys.key(i), values.forKey(i)).whenComplete((ignored, failure) -> {
          if (failure != null) {
            failed.incrementAndGet();
            first.compareAndSet(null, failure);
          }
          inFlight.release();
        });
      } catch (RuntimeException e) {
        failed.incrementAndGet();
        first.compareAndSet(null, e);
        inFlight.release();
      }
    }
    if (!inFlight.tryAcquire(WINDOW, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("preload did not finish: " + (WINDOW - inFlight.availablePermits())
          + " sets still unanswered after " + Durations.format(timeout));
    }
    if (failed.get() > 0) {
      Throwable t = first.get();
      if (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
        t = t.getCause();
      }
      throw new IllegalStateException("preload failed: " + failed.get() + " of " + keys.size()
          + " sets were not stored (first: " + t.getClass().getSimpleName() + ": " + t.getMessage() + ")");
    }
  }
}
