package io.cacheman.internal.pipeline;

import io.cacheman.CachemanException;
import io.cacheman.internal.connection.NodeConnection;
import io.cacheman.internal.connection.Request;
import io.cacheman.internal.node.Node;
import io.cacheman.internal.protocol.BlockSink;
import io.cacheman.internal.protocol.Command;
import io.cacheman.internal.protocol.ProtocolException;
import io.cacheman.internal.protocol.ReplyReader;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Function;
import okio.Buffer;

/**
 * One operation of the client on one node: its command, where it goes, whether it may be sent again,
 * its deadline, and how the caller's value is made of the reply ({@code finish}). The op is also the
 * {@link Request} its connection sees, and is sent again (after {@link Command#reset()}) on a retry.
 * Subclasses are the two ways a caller receives the outcome: {@link BlockingOp} wakes a waiting thread
 * (or lets it read its own reply), {@link FutureOp} completes a future on the callback executor.
 * Routing, health, stats and retries are the {@link Dispatcher}'s.
 *
 * @param <R> the command's result
 * @param <T> the caller's value
 */
public abstract class Op<R, T> implements Request {
  private static final VarHandle ENDED;

  static {
    try {
      ENDED = MethodHandles.lookup().findVarHandle(Op.class, "ended", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final Command<R> command;
  /** The routing key, or null when the operation must go to {@link #fixedNode}. */
  final byte[] key;
  final Node fixedNode;
  /** Whether the operation may be sent again after its bytes went out. */
  final boolean idempotent;
  /** Set before the op is sent: a request queued on a client's first connection also gets its connect time. */
  long deadline;
  final Function<? super R, ? extends T> finish;
  final Dispatcher dispatcher;

  // Per attempt; written by the sending thread, read by the reading thread after the connection's
  // queue has published the request.
  Node node;
  long sentAt;
  boolean written;
  int attempts;
  /** The connection of the current attempt, for a caller that reads its reply itself. */
  volatile NodeConnection connection;
  /** Waiting for an in-flight slot ({@link #waitsForSlot}); a request that goes out stays so marked until it ends. */
  volatile boolean inLine;
  @SuppressWarnings("unused") // through ENDED
  private volatile boolean ended;

  Op(Dispatcher dispatcher, Command<R> command, byte[] key, Node fixedNode, boolean idempotent, long deadline,
      Function<? super R, ? extends T> finish) {
    this.dispatcher = dispatcher;
    this.command = command;
    this.key = key;
    this.fixedNode = fixedNode;
    this.idempotent = idempotent;
    this.deadline = deadline;
    this.finish = finish;
  }

  /** Hands the command's result to the caller; called at most once, on any thread. */
  abstract void succeed(R result);

  /** Hands a failure to the caller; called at most once, on any thread. */
  abstract void fail(Throwable failure);

  /** Hands the caller a failure decided before anything was sent (closed, no node, overloaded). */
  void reject(Throwable failure) {
    fail(failure);
  }

  /**
   * Whether the op waits in line for an in-flight slot when every connection of its node is full
   * (a blocking caller, who waits for its deadline anyway), rather than fail at once (async).
   */
  boolean waitsForSlot() {
    return false;
  }

  /** Claims the op's outcome: true for exactly one caller, the one that then delivers it. */
  final boolean end() {
    return ENDED.compareAndSet(this, false, true);
  }

  @Override
  public final boolean settled() {
    return ended();
  }

  final boolean ended() {
    return (boolean) ENDED.getVolatile(this);
  }

  @Override
  public final void writeTo(Buffer sink, BlockSink blocks, boolean meta) {
    goingOut();
    command.useMeta(meta);
    command.encode(sink, blocks);
  }

  /** Its bytes are being written (alone, or on a shared line): it may no longer be sent again blindly. */
  final void goingOut() {
    if (inLine) {
      inLine = false;
    }
    written = true;
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
    dispatcher.replied(this);
  }

  @Override
  public final void onFailure(CachemanException cause) {
    dispatcher.failed(this, cause);
  }

  @Override
  public final void onNoSlot() {
    dispatcher.timedOut(this);
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
  public final byte[] shareKey() {
    return command.shareKey();
  }
}
