package io.cacheman.internal;

import io.cacheman.CachemanException;
import io.cacheman.internal.connection.NodeConnection;
import io.cacheman.internal.connection.SharedGet;
import io.cacheman.internal.protocol.ErrorReply;
import io.cacheman.internal.protocol.Item;
import io.cacheman.internal.protocol.RetrievalCommand;
import io.cacheman.internal.protocol.Command;
import io.cacheman.internal.protocol.ProtocolException;
import io.cacheman.internal.protocol.ReplyReader;
import io.github.resilience4j.retry.Retry;
import okio.Buffer;

/**
 * One operation of the client on one node: its command, where it goes, its deadline, and how it
 * ends. The same object is the {@link Request} its connection sees, and is sent again (after a
 * {@link Command#reset()}) when an attempt is retried, so an operation costs one object besides
 * its command, whatever happens to it.
 *
 * <p>Subclasses decide how the outcome reaches the caller: {@link SyncOp} wakes a waiting thread,
 * {@link AsyncOp} completes a future on the callback executor.
 *
 * @param <R> the command's result
 */
abstract class Op<R> implements SharedGet {
  final Command<R> command;
  /** The routing key; null when the operation targets {@link #fixedNode}. */
  final byte[] key;
  /** The node this operation must go to, or null to route by {@link #key}. */
  final Node fixedNode;
  /** Whether the operation may be sent again after its bytes went out. */
  final boolean safeToRepeat;
  final long deadline;

  // Per attempt; written by the sending thread, read on the I/O thread after the connection's
  // queue has published the request.
  Engine engine;
  Node node;
  long sentAt;
  boolean written;
  Retry.AsyncContext<Object> retry;
  /** The connection of the current attempt, for a caller that reads its reply itself. */
  volatile NodeConnection connection;

  Op(Command<R> command, byte[] key, Node fixedNode, boolean safeToRepeat, long deadline) {
    this.command = command;
    this.key = key;
    this.fixedNode = fixedNode;
    this.safeToRepeat = safeToRepeat;
    this.deadline = deadline;
  }

  /** Delivers the result to the caller; called at most once, on any thread. */
  abstract void succeed(R result);

  /** Delivers a failure to the caller; called at most once, on any thread. */
  abstract void fail(Throwable failure);

  /**
   * Delivers a failure decided in {@link Engine#send} before anything was written (client closed,
   * no node, overloaded). On a first attempt that is the caller's own thread.
   */
  void reject(Throwable failure) {
    fail(failure);
  }

  @Override
  public final void writeTo(Buffer sink) {
    written = true;
    command.encode(sink);
  }

  @Override
  public final boolean readReply(ReplyReader reader) throws ProtocolException {
    return command.decode(reader);
  }

  @Override
  public final boolean replyLeavesStreamInDoubt() {
    return command.leavesStreamInDoubt();
  }

  @Override
  public final void onReply() {
    engine.onReply(this);
  }

  @Override
  public final void onFailure(CachemanException cause) {
    engine.onFailure(this, cause);
  }

  @Override
  public final long deadlineNanos() {
    return deadline;
  }

  @Override
  public final String name() {
    return command.name();
  }

  @Override
  public final byte[] sharedKey() {
    return command instanceof RetrievalCommand get ? get.shareableKey() : null;
  }

  @Override
  public final void onSharedWrite() {
    written = true;
  }

  @Override
  public final void acceptShared(Item item, ErrorReply error) {
    ((RetrievalCommand) command).acceptShared(item, error);
  }
}
