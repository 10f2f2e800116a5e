package io.cacheman.internal.pipeline;

import io.cacheman.internal.node.Node;
import io.cacheman.internal.protocol.Command;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * An operation whose caller holds a future. The outcome is handed to the callback executor, which
 * makes the caller's value of it ({@code finish}: decoding happens there, not on the I/O thread)
 * and completes the future, so dependent stages never run on an I/O thread. The op itself is the
 * executor's task: no extra allocation per completion.
 */
final class FutureOp<R, T> extends Op<R, T> implements Runnable {
  final Promise<T> promise = new Promise<>();
  private final Executor executor;
  private R result;
  private Throwable failure;

  FutureOp(Dispatcher dispatcher, Command<R> command, byte[] key, Node fixedNode, boolean idempotent, long deadline,
      Function<? super R, ? extends T> finish, Executor executor) {
    super(dispatcher, command, key, fixedNode, idempotent, deadline, finish);
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
   * there: under overload, a trip through the executor's queue would delay the news by
   * milliseconds. A retry runs on the client's timer and takes the executor like any outcome.
   */
  @Override
  void reject(Throwable cause) {
    if (attempts > 1) {
      fail(cause);
    } else {
      promise.settleFailure(cause);
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
      promise.settleFailure(failure);
      return;
    }
    T value;
    try {
      value = finish.apply(result);
    } catch (Throwable t) {
      promise.settleFailure(t);
      return;
    }
    promise.settle(value);
  }
}
