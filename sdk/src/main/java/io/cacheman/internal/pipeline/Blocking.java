package io.cacheman.internal.pipeline;

import io.cacheman.CacheTimeoutException;
import io.cacheman.CachemanException;
import io.cacheman.internal.node.Node;
import io.cacheman.internal.protocol.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The blocking view's {@link Invoker}: every call waits on the caller's thread and returns a
 * completed stage, its value made on the caller's thread (see {@link BlockingOp}).
 */
public final class Blocking implements Invoker {
  private final Dispatcher dispatcher;

  public Blocking(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  public <R, T> CompletionStage<T> call(Command<R> command, byte[] key, boolean idempotent, long deadline,
      Function<? super R, ? extends T> finish) {
    BlockingOp<R, T> op = new BlockingOp<>(dispatcher, command, key, null, idempotent, deadline, finish);
    dispatcher.send(op);
    Outcome<T> outcome = await(op);
    return outcome.failure() == null ? CompletableFuture.completedFuture(outcome.value())
        : CompletableFuture.failedFuture(outcome.failure());
  }

  @Override
  public <R> CompletionStage<List<Outcome<R>>> callEach(List<Node> nodes, List<? extends Command<R>> commands,
      long deadline) {
    List<BlockingOp<R, R>> ops = new ArrayList<>(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      BlockingOp<R, R> op = new BlockingOp<>(dispatcher, commands.get(i), null, nodes.get(i), true, deadline, r -> r);
      ops.add(op);
      dispatcher.send(op);
    }
    List<Outcome<R>> outcomes = new ArrayList<>(ops.size());
    for (BlockingOp<R, R> op : ops) {
      outcomes.add(await(op));
    }
    return CompletableFuture.completedFuture(outcomes);
  }

  @Override
  public <T> CompletionStage<T> join(CompletableFuture<T> stage, long deadline, String what) {
    try {
      return CompletableFuture.completedFuture(
          stage.get(Math.max(0, deadline - dispatcher.clock().nanoTime()), TimeUnit.NANOSECONDS));
    } catch (ExecutionException e) {
      return CompletableFuture.failedFuture(e.getCause());
    } catch (TimeoutException e) {
      return CompletableFuture.failedFuture(new CacheTimeoutException(what + " got no outcome within the operation timeout"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CompletableFuture.failedFuture(new CachemanException(what + ": interrupted while waiting", e));
    }
  }

  @Override
  public CompletionStage<Void> pause(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
      return CompletableFuture.completedFuture(null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CompletableFuture.failedFuture(new CachemanException("interrupted while waiting", e));
    }
  }

  @Override
  public long newDeadline() {
    return dispatcher.newDeadline();
  }

  private static <T> Outcome<T> await(BlockingOp<?, T> op) {
    try {
      return new Outcome<>(op.await(), null);
    } catch (Error e) {
      throw e;
    } catch (Throwable failure) {
      return new Outcome<>(null, failure);
    }
  }
}
