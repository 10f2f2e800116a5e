package io.cacheman.internal.pipeline;

import io.cacheman.internal.node.Node;
import io.cacheman.internal.protocol.Command;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * How a view's caller receives the outcome of the operations it runs: the only thing the blocking
 * and the non-blocking API do differently. Every operation is written once, in terms of these
 * calls and of {@link CompletionStage} composition ({@code DefaultAsyncCache}):
 * <ul>
 *   <li>{@link Blocking}: each call waits on the caller's thread (reading its own reply when it
 *       can) and returns a stage that is already complete, so an operation of several steps runs
 *       them one after the other on the caller's thread, loaders included;
 *   <li>{@link Async}: each call returns at once with a stage the client completes later, on its
 *       callback executor.
 * </ul>
 */
public interface Invoker {

  /**
   * Runs {@code command} on the node that owns {@code key}.
   *
   * @param idempotent whether it may be sent again once its bytes went out
   * @param finish makes the caller's value of the command's result
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

  /** A deadline one operation timeout from now. */
  long newDeadline();
}
