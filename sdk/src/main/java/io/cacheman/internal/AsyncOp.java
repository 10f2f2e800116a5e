package io.cacheman.internal;

import io.cacheman.internal.protocol.Command;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * An operation whose caller holds a future. The outcome is handed to the callback executor,
 * which turns it into the caller's value (decoding happens there, not on the I/O thread) and
 * completes the future, so dependent stages never run on an I/O thread. Only a rejection on the
 * caller's own thread completes the future directly. The operation itself is
 * the executor task: no extra allocation per completion.
 *
 * @param <R> the command's result
 * @param <V> what the caller's future holds
 */
final class AsyncOp<R, V> extends Op<R> implements Runnable {
  private final CompletableFuture<V> future;
  private final Function<? super R, ? extends V> finisher;
  private final Executor executor;
  private R result;
  private Throwable failure;

  AsyncOp(Command<R> command, byte[] key, Node fixedNode, boolean safeToRepeat, long deadline,
      CompletableFuture<V> future, Function<? super R, ? extends V> finisher, Executor executor) {
    super(command, key, fixedNode, safeToRepeat, deadline);
    this.future = future;
    this.finisher = finisher;
    this.executor = executor;
  }

  @Override
  void succeed(R value) {
    result = value;
    dispatch();
  }

  @Override
  void fail(Throwable cause) {
    failure = cause;
    dispatch();
  }

  /**
   * A first attempt is sent on the caller's thread, so its rejection completes the future right
   * there: under overload, a trip through the callback executor's queue would delay the news by
   * milliseconds. A retry runs on the client's scheduler and takes the executor like any outcome.
   */
  @Override
  void reject(Throwable cause) {
    if (retry != null) {
      fail(cause);
    } else {
      future.completeExceptionally(cause);
    }
  }

  private void dispatch() {
    try {
      executor.execute(this); // the executor's queue publishes result/failure to its thread
    } catch (RejectedExecutionException e) {
      run(); // the client is closing and its executor is gone: complete here rather than never
    }
  }

  @Override
  public void run() {
    if (failure != null) {
      future.completeExceptionally(failure);
      return;
    }
    V value;
    try {
      value = finisher.apply(result);
    } catch (Throwable t) {
      future.completeExceptionally(t);
      return;
    }
    future.complete(value);
  }
}
