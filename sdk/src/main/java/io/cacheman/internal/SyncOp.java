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
 * An operation a caller thread waits for. When its request is alone on its connection the caller
 * reads the reply off the socket itself ({@link ReadRole}); otherwise whichever thread reads the
 * reply stores the outcome and unparks the caller directly: no future, no executor, one wake-up.
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
  /** How long a caller that may soon read its own reply parks before asking again. */
  private static final long ASK_AGAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final Object NULL = new Object();
  private static final VarHandle OUTCOME;

  static {
    try {
      OUTCOME = MethodHandles.lookup().findVarHandle(SyncOp.class, "outcome", Object.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private volatile Object outcome;
  private volatile Thread waiter;

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

  /**
   * Waits for the outcome: the result, or the failure rethrown. An interrupt ends the wait at
   * once with a {@link CachemanException} (the interrupt stays set; the request itself still
   * completes or times out on its connection, its outcome unused).
   */
  @SuppressWarnings("unchecked")
  R await() {
    waiter = Thread.currentThread();
    Object o;
    while ((o = outcome) == null) {
      long until = deadline + BACKSTOP_NANOS;
      long left = until - System.nanoTime();
      if (left <= 0) {
        settle(new Failure(new CacheTimeoutException(name() + " got no outcome within the operation timeout")));
      } else if (Thread.currentThread().isInterrupted()) {
        settle(new Failure(new CachemanException(name() + ": interrupted while waiting for the reply")));
      } else {
        NodeConnection connection = this.connection;
        ReadRole.Lead lead = connection == null ? ReadRole.Lead.PARK : connection.lead(this, until);
        if (lead == ReadRole.Lead.PARK) {
          LockSupport.parkNanos(this, left);
        } else if (lead == ReadRole.Lead.ASK_AGAIN) {
          LockSupport.parkNanos(this, Math.min(left, ASK_AGAIN_NANOS));
        }
      }
    }
    if (o instanceof Failure failure) {
      throw Exceptions.forCaller(failure.cause());
    }
    return o == NULL ? null : (R) o;
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
