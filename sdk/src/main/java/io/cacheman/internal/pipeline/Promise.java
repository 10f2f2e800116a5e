package io.cacheman.internal.pipeline;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The future behind every stage the async API hands out: only the client completes it. The
 * methods that would let a caller complete it throw; {@link #toCompletableFuture()} gives the
 * caller a copy of its own, which it may complete, time out or cancel without touching ours.
 */
public final class Promise<T> extends CompletableFuture<T> {
  private static final String READ_ONLY =
      "the client completes its futures; call toCompletableFuture() for a copy of your own";

  /** Completes with {@code value}; the client's side. */
  void settle(T value) {
    super.complete(value);
  }

  /** Completes with {@code failure}; the client's side. */
  void settleFailure(Throwable failure) {
    super.completeExceptionally(failure);
  }

  @Override
  public CompletableFuture<T> toCompletableFuture() {
    return copy();
  }

  @Override
  public boolean complete(T value) {
    throw new UnsupportedOperationException(READ_ONLY);
  }

  @Override
  public boolean completeExceptionally(Throwable ex) {
    throw new UnsupportedOperationException(READ_ONLY);
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    throw new UnsupportedOperationException(READ_ONLY);
  }

  @Override
  public void obtrudeValue(T value) {
    throw new UnsupportedOperationException(READ_ONLY);
  }

  @Override
  public void obtrudeException(Throwable ex) {
    throw new UnsupportedOperationException(READ_ONLY);
  }

  @Override
  public CompletableFuture<T> completeAsync(Supplier<? extends T> supplier, Executor executor) {
    throw new UnsupportedOperationException(READ_ONLY);
  }
}
