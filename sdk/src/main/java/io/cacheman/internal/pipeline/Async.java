package io.cacheman.internal.pipeline;

import io.cacheman.CacheTimeoutException;
import io.cacheman.internal.node.Node;
import io.cacheman.internal.protocol.Command;
import io.cacheman.internal.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * The non-blocking view's {@link Invoker}: every call returns at once with a stage the client
 * completes on its callback executor (see {@link FutureOp}), so dependent stages never run on an
 * I/O thread.
 */
public final class Async implements Invoker {
  private final Dispatcher dispatcher;
  private final Executor callbacks;

  public Async(Dispatcher dispatcher, Executor callbacks) {
    this.dispatcher = dispatcher;
    this.callbacks = callbacks;
  }

  @Override
  public <R, T> CompletionStage<T> call(Command<R> command, byte[] key, boolean idempotent, long deadline,
      Function<? super R, ? extends T> finish) {
    FutureOp<R, T> op = new FutureOp<>(dispatcher, command, key, null, idempotent, deadline, finish, callbacks);
    dispatcher.send(op);
    return op.promise;
  }

  @Override
  public <R> CompletionStage<List<Outcome<R>>> callEach(List<Node> nodes, List<? extends Command<R>> commands,
      long deadline) {
    List<Promise<R>> parts = new ArrayList<>(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      FutureOp<R, R> op = new FutureOp<>(dispatcher, commands.get(i), null, nodes.get(i), true, deadline, r -> r,
          callbacks);
      parts.add(op.promise);
      dispatcher.send(op);
    }
    // One stage gathers every part, so whatever consumes the list sees one thread.
    return CompletableFuture.allOf(parts.toArray(CompletableFuture<?>[]::new)).handle((done, anyFailure) -> {
      List<Outcome<R>> outcomes = new ArrayList<>(parts.size());
      for (Promise<R> part : parts) {
        outcomes.add(part.handle(Outcome::new).join());
      }
      return outcomes;
    });
  }

  @Override
  public <T> CompletionStage<T> join(CompletableFuture<T> stage, long deadline, String what) {
    Promise<T> mine = new Promise<>();
    stage.whenComplete((value, failure) -> {
      if (failure != null) {
        mine.settleFailure(failure);
      } else {
        mine.settle(value);
      }
    });
    Clock clock = dispatcher.clock();
    try {
      Clock.Cancellable timer = clock.schedule(() -> mine.settleFailure(
          new CacheTimeoutException(what + " got no outcome within the operation timeout")), deadline - clock.nanoTime());
      mine.whenComplete((value, failure) -> timer.cancel());
    } catch (RejectedExecutionException e) {
      mine.settleFailure(e); // the client is closing
    }
    return mine;
  }

  @Override
  public CompletionStage<Void> pause(long nanos) {
    Promise<Void> done = new Promise<>();
    try {
      dispatcher.clock().schedule(() -> callbacks.execute(() -> done.settle(null)), nanos);
    } catch (RejectedExecutionException e) {
      done.settleFailure(e); // the client is closing
    }
    return done;
  }

  @Override
  public long newDeadline() {
    return dispatcher.newDeadline();
  }
}
