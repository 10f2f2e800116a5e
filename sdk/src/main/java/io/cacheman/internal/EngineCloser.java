package io.cacheman.internal;

import io.cacheman.CachemanException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How an engine closes, in three steps:
 * <ol>
 *   <li><b>closing</b>: new calls fail at once ("the client is closed"); the config file is no
 *       longer watched;
 *   <li><b>draining</b>: requests already in flight, and retries of them, go on until none is
 *       left, for one operation timeout at most: every request has that deadline, so the wait is
 *       bounded without a setting of its own;
 *   <li><b>closed</b>: connections close (failing whatever is still pending), every thread the
 *       client started stops, the JMX beans are unregistered and listeners are told.
 * </ol>
 * The first caller does the work; concurrent and later callers return once it is done.
 */
final class EngineCloser {
  private static final Logger log = LoggerFactory.getLogger(EngineCloser.class);
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final Engine engine;
  private final AtomicBoolean closing = new AtomicBoolean();
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile boolean closed;

  EngineCloser(Engine engine) {
    this.engine = engine;
  }

  /** True from the first call to {@link #close()} on: new calls are refused. */
  boolean closing() {
    return closing.get();
  }

  /** True once draining is over: retries are refused too. */
  boolean closed() {
    return closed;
  }

  void close() {
    if (!closing.compareAndSet(false, true)) {
      awaitDone();
      return;
    }
    try {
      long start = System.nanoTime();
      ConfigWatcher watcher = engine.watcher();
      if (watcher != null) {
        watcher.stop();
      }
      int left = drain(start + engine.timeoutNanos + 2 * engine.tickNanos);
      closed = true;
      engine.membership.close();
      engine.threads.close();
      failWaitingRetries(); // after the scheduler stopped, so none can be scheduled and then dropped
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      if (left > 0) {
        log.warn("Cacheman client {} closed after {} ms with {} requests still pending (they failed)",
            engine.name(), millis, left);
      } else {
        log.debug("Cacheman client {} closed in {} ms", engine.name(), millis);
      }
    } finally {
      done.countDown();
    }
  }

  /** Waits until nothing is in flight or waiting for a retry, or the deadline; returns what is left. */
  private int drain(long deadline) {
    int left;
    while ((left = engine.membership.inFlight() + engine.retrying.size()) > 0 && System.nanoTime() - deadline < 0) {
      if (Thread.currentThread().isInterrupted()) {
        return left; // the interrupt stays set: close at once
      }
      LockSupport.parkNanos(this, POLL_NANOS);
    }
    return left;
  }

  /** Fails the ops whose retry was scheduled but never ran: the scheduler dropped it. */
  private void failWaitingRetries() {
    List<Op<?>> waiting = new ArrayList<>(engine.retrying);
    for (Op<?> op : waiting) {
      if (engine.retrying.remove(op)) {
        op.fail(new CachemanException(op.name() + ": the client is closed"));
      }
    }
  }

  private void awaitDone() {
    try {
      if (!done.await(engine.timeoutNanos + TimeUnit.SECONDS.toNanos(10), TimeUnit.NANOSECONDS)) {
        log.warn("Cacheman client {}: gave up waiting for another thread's close()", engine.name());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
