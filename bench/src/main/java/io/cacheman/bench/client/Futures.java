package io.cacheman.bench.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Small helpers the adapters share for turning library futures into plain results. */
final class Futures {
  private Futures() {}

  /** Waits at most {@code millis} for {@code future}, rethrowing the cause of a failure. */
  static <T> T await(Future<T> future, long millis) throws Exception {
    try {
      return future.get(millis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /** Completes {@code target} with what the already-done {@code done} holds. */
  @SuppressWarnings("unchecked")
  static <T> void transfer(Future<?> done, CompletableFuture<T> target) {
    try {
      target.complete((T) done.get());
    } catch (ExecutionException e) {
      target.completeExceptionally(e.getCause() != null ? e.getCause() : e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      target.completeExceptionally(e);
    } catch (RuntimeException e) {
      // A cancelled operation (the library gave up on it) surfaces here.
      target.completeExceptionally(e);
    }
  }
}
