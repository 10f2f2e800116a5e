package io.cacheman.internal.pipeline;

import io.cacheman.CachemanException;
import io.cacheman.internal.connection.NodeConnection;
import io.cacheman.internal.connection.ReadRole;
import io.cacheman.internal.node.Node;
import io.cacheman.internal.protocol.Command;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Function;
import java.util.concurrent.locks.LockSupport;

/**
 * An operation a caller thread waits for. When its request is alone on its connection the caller
 * reads the reply itself ({@link ReadRole}); otherwise whichever thread reads the reply stores the
 * outcome and unparks the caller: no future, no executor, one wake-up. The caller's value is made of
 * the reply on the caller's thread. A platform thread keeps its own deadline: if no outcome has come
 * by then it ends the op as timed out itself, so a late or starved I/O thread never holds it past it;
 * a virtual thread leaves its deadline to the I/O thread (see {@link #await}).
 */
final class BlockingOp<R, T> extends Op<R, T> implements ReadRole.Waiter {
  private static final Object NULL = new Object();
  private static final VarHandle OUTCOME;

  static {
    try {
      OUTCOME = MethodHandles.lookup().findVarHandle(BlockingOp.class, "outcome", Object.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private volatile Object outcome;
  private volatile Thread waiter;
  private final Thread caller = Thread.currentThread();
  // A virtual thread never reads its own reply: it would hold its carrier (one of a few OS threads)
  // in the connection's selector, where parking lets the carrier run other virtual threads.
  private final boolean parksOnly = VirtualThreads.isVirtual(caller);

  BlockingOp(Dispatcher dispatcher, Command<R> command, byte[] key, Node fixedNode, boolean idempotent,
      long deadline, Function<? super R, ? extends T> finish) {
    super(dispatcher, command, key, fixedNode, idempotent, deadline, finish);
  }

  /** Sent by its own (platform) caller, who will lead or else hand a resting read role back ({@link #await}). */
  @Override
  public boolean readBySender() {
    return !parksOnly && Thread.currentThread() == caller;
  }

  @Override
  boolean waitsForSlot() {
    return true;
  }

  @Override
  void succeed(R result) {
    settle(result == null ? NULL : result);
  }

  @Override
  void fail(Throwable failure) {
    settle(new Failure(failure));
  }

  @Override
  public boolean answered() {
    return outcome != null;
  }

  /**
   * Waits for the outcome and makes the caller's value of it; throws the failure as delivered. An interrupt
   * ends the wait at once with a {@link CachemanException}, the interrupt left set (the request itself still
   * completes or times out on its connection, its outcome unused).
   */
  @SuppressWarnings("unchecked")
  T await() throws Throwable {
    waiter = Thread.currentThread();
    Object o;
    while ((o = outcome) == null) {
      long left = deadline - dispatcher.clock().nanoTime();
      if (left <= 0) {
        if (!dispatcher.timedOut(this)) {
          LockSupport.park(this); // whoever ended the op first is delivering its outcome: it unparks us
        }
      } else if (Thread.currentThread().isInterrupted()) {
        settle(new Failure(new CachemanException(name() + ": interrupted while waiting for the reply")));
      } else if (parksOnly) {
        // Untimed: a timed park costs a virtual thread a JDK timer task, set and cancelled each call
        // (0.6x the client CPU without it at 10,000 virtual threads). The I/O thread holds the
        // deadline wherever the op waits: on a connection (Expiry) and in line for a slot (InFlightRoom).
        LockSupport.park(this);
      } else {
        NodeConnection c = connection;
        if (c == null || c.readRole().lead(this, deadline) == ReadRole.Lead.PARK) {
          LockSupport.parkNanos(this, left);
        }
      }
    }
    NodeConnection c = connection;
    if (c != null) {
      c.readRole().ensureReader(); // ended without reading (interrupt, deadline): a late reply must be read
    }
    if (o instanceof Failure failure) {
      throw failure.cause();
    }
    return finish.apply(o == NULL ? null : (R) o);
  }

  private void settle(Object value) {
    if (OUTCOME.compareAndSet(this, null, value)) {
      Thread w = waiter;
      if (w != null) {
        LockSupport.unpark(w);
      }
    }
  }

  /** Wraps a failure so it cannot be mistaken for a result. */
  private record Failure(Throwable cause) {}
}
