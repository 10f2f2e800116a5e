package io.cacheman.internal.pipeline;

import io.cacheman.internal.node.Node;
import io.cacheman.internal.protocol.Command;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * How a view's caller receives the outcome of its operations: the only thing the blocking and the
 * non-blocking API do differently, so every operation is written once ({@code DefaultAsyncCache}) in
 * terms of these calls and {@link CompletionStage} composition. {@link Blocking} waits on the caller's
 * thread (reading its own reply when it can) and returns a completed stage, so the steps of an
 * operation run one after the other on that thread, loaders included; {@link Async} returns at once
 * with a stage the client completes later on its callback executor.
 */
public interface Invoker {

  /**
   * Runs {@code command} on the node that owns {@code key}; {@code idempotent}: whether it may be sent
   * again once its bytes went out; {@code finish} makes the caller's value of the command's result.
   */
  <R, T> CompletionStage<T> call(Command<R> command, byte[] key, boolean idempotent, long deadline,
      Function<? super R, ? extends T> finish);

  /**
   * Runs {@code commands.get(i)} on {@code nodes.get(i)}, all in parallel; each may be repeated.
   * The stage completes once every part has ended, and never fails as a whole.
   */
  <R> CompletionStage<List<Outcome<R>>> callEach(List<Node> nodes, List<? extends Command<R>> commands,
      long deadline);

  /** {@code stage}, which another caller completes, or a timeout failure at {@code deadline}. */
  <T> CompletionStage<T> join(CompletableFuture<T> stage, long deadline, String what);

  /** Completes after {@code nanos}: the blocking invoker sleeps on the caller's thread, the async one schedules. */
  CompletionStage<Void> pause(long nanos);

  /** A deadline one operation timeout from now. */
  long newDeadline();
}
