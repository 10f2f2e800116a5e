package io.cacheman.internal;

import io.cacheman.internal.connection.EventLoop;
import io.cacheman.internal.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every thread a client runs, all daemons named {@code <client>-<role>-<n>} and all stopped by
 * {@link #close()}: {@code io}, the event loops (one per core at most, never more than there are
 * connections); {@code scheduler}, the client's timer (reconnect backoff, retry waits, probes,
 * drains, config file checks); {@code connect}, up to four threads for blocking work (connects,
 * reads of a watched config file); {@code callback}, a small pool completing the async API's
 * futures, so user callbacks never run on an I/O thread. The last two exit when idle.
 */
final class ClientThreads {
  private static final Logger log = LoggerFactory.getLogger(ClientThreads.class);

  final String prefix;
  EventLoop[] loops;
  final ScheduledThreadPoolExecutor scheduler;
  final ThreadPoolExecutor connector;
  final ThreadPoolExecutor callbacks;
  private final Set<Thread> started = ConcurrentHashMap.newKeySet();
  private final int loopCount;
  private final long lingerNanos;

  /** @param lingerNanos how long an event loop keeps checking deadlines after its last request */
  ClientThreads(String client, int connections, long lingerNanos) {
    prefix = client + "-";
    int cores = Runtime.getRuntime().availableProcessors();
    loopCount = Math.max(1, Math.min(connections, cores));
    this.lingerNanos = lingerNanos;
    scheduler = new ScheduledThreadPoolExecutor(1, named(prefix + "scheduler-"));
    scheduler.setRemoveOnCancelPolicy(true);
    connector = idleExiting(4, named(prefix + "connect-")); // nodes may be added later: not sized by today's list
    callbacks = idleExiting(Math.max(2, Math.min(4, cores)), named(prefix + "callback-"));
  }

  void startLoops(Clock clock) {
    ThreadFactory io = named(prefix + "io-");
    loops = new EventLoop[loopCount];
    for (int i = 0; i < loops.length; i++) {
      loops[i] = new EventLoop(io, clock, lingerNanos);
    }
  }

  /** Stops everything, waiting a bounded time for each thread. */
  void close() {
    for (EventLoop loop : loops) {
      loop.close(); // closes the loop's connections (failing what is pending) and joins
    }
    scheduler.shutdownNow();
    connector.shutdownNow();
    callbacks.shutdown(); // let completions of the just-failed requests reach their futures
    try {
      for (ExecutorService executor : new ExecutorService[] {scheduler, connector, callbacks}) {
        if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
          log.warn("Cacheman {} threads did not stop within 2 s", prefix);
          executor.shutdownNow();
        }
      }
      for (Thread thread : started) {
        thread.join(1_000); // a pool is "terminated" a moment before its last worker thread ends
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadPoolExecutor idleExiting(int threads, ThreadFactory factory) {
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(threads, threads, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  private ThreadFactory named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + count.getAndIncrement());
      thread.setDaemon(true);
      started.add(thread);
      return thread;
    };
  }
}
