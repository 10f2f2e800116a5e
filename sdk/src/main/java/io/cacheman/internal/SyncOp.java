package io.cacheman.internal;

import io.cacheman.CacheTimeoutException;
import io.cacheman.CachemanException;
import io.cacheman.internal.connection.NodeConnection;
import io.cacheman.internal.connection.ReadRole;
import io.cacheman.internal.protocol.Command;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An operation a caller thread waits for. Rather than park while an I/O thread reads its reply,
 * the caller reads its connection itself when no one else does, completing the replies of others
 * in order as they come ({@link ReadRole}); otherwise the reader stores the outcome and unparks
 * the caller directly: no future, no executor, one wake-up. A reader that lets go with requests
 * still in flight may hand its role to the waiter of the oldest one ({@link #takeReadRole}).
 *
 * <p>The engine guarantees an outcome by the deadline (the event loop expires requests each
 * tick, and closes the connection of a request that timed out). The waiter does not rely on that
 * thread being on time: a starved or late I/O thread must not hold a caller past its deadline, so
 * a moment after it the waiter fails on its own.
 */
final class SyncOp<R> extends Op<R> implements ReadRole.Waiter {
  /**
   * How long past the deadline a waiter leaves the event loop to report the timeout (with its
   * connection handling and stats) before failing on its own: two of its longest ticks.
   */
  private static final long BACKSTOP_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
  private static final Object NULL = new Object();
  /** {@link #handed} while the caller is not in {@link #await}: no read role may be handed in. */
  private static final Object NOT_WAITING = new Object();
  private static final VarHandle OUTCOME;
  private static final VarHandle HANDED;

  static {
    try {
      OUTCOME = MethodHandles.lookup().findVarHandle(SyncOp.class, "outcome", Object.class);
      HANDED = MethodHandles.lookup().findVarHandle(SyncOp.class, "handed", Object.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private volatile Object outcome;
  private volatile Thread waiter;
  /** NOT_WAITING, null (waiting: a role may be handed in), or the {@link ReadRole} handed in. */
  private volatile Object handed = NOT_WAITING;

  SyncOp(Command<R> command, byte[] key, Node fixedNode, boolean safeToRepeat, long deadline) {
    super(command, key, fixedNode, safeToRepeat, deadline);
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

  /** A reader letting go offers its role: taken while this op's caller waits in {@link #await}. */
  @Override
  public boolean takeReadRole(ReadRole role) {
    if (HANDED.compareAndSet(this, null, role)) {
      LockSupport.unpark(waiter);
      return true;
    }
    return false;
  }

  /**
   * Waits for the outcome: the result, or the failure rethrown. An interrupt ends the wait at
   * once with a {@link CachemanException} (the interrupt stays set; the request itself still
   * completes or times out on its connection, its outcome unused).
   */
  @SuppressWarnings("unchecked")
  R await() {
    waiter = Thread.currentThread();
    handed = null;
    Object o;
    try {
      while ((o = outcome) == null) {
        long until = deadline + BACKSTOP_NANOS;
        long left = until - System.nanoTime();
        if (left <= 0) {
          settle(new Failure(new CacheTimeoutException(name() + " got no outcome within the operation timeout")));
        } else if (Thread.currentThread().isInterrupted()) {
          settle(new Failure(new CachemanException(name() + ": interrupted while waiting for the reply")));
        } else if (!read(until)) {
          LockSupport.parkNanos(this, left);
        }
      }
    } finally {
      if (HANDED.getAndSet(this, NOT_WAITING) instanceof ReadRole role) {
        role.pass(); // handed in as we left: the next waiter (or the I/O thread) reads on
      }
    }
    if (o instanceof Failure failure) {
      throw Exceptions.forCaller(failure.cause());
    }
    return o == NULL ? null : (R) o;
  }

  /** Reads replies on this thread if the role was handed in or is free; false if not. */
  private boolean read(long until) {
    Object role = handed;
    if (role instanceof ReadRole given && HANDED.compareAndSet(this, given, null)) {
      given.readAsHolder(this, until);
      return true;
    }
    NodeConnection connection = this.connection;
    return connection != null && connection.lead(this, until);
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
