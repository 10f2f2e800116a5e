package io.cacheman.server.internal.stats;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * A WARN line that is written at most once per interval: under a storm of connection errors
 * (a port scan, a client fleet restarting) the log gets one line a second, and the next line
 * says how many were left out. Thread-safe; the lock is only taken on the error path.
 */
public final class RateLimitedLog {
  private final Logger log;
  private final LongSupplier nanoClock;
  private final long intervalNanos;
  private boolean loggedOnce;
  private long lastLoggedNanos;
  private long suppressed;

  /** One WARN per {@code interval} on {@code log}, timed by {@code nanoClock} (a nanoTime). */
  public RateLimitedLog(Logger log, LongSupplier nanoClock, long interval, TimeUnit unit) {
    this.log = log;
    this.nanoClock = nanoClock;
    this.intervalNanos = unit.toNanos(interval);
  }

  /** Logs {@code message} at WARN unless a line went out less than an interval ago. */
  public void warn(String message, Throwable cause) {
    long suppressedBefore;
    synchronized (this) {
      long now = nanoClock.getAsLong();
      if (loggedOnce && now - lastLoggedNanos < intervalNanos) {
        suppressed++;
        return;
      }
      loggedOnce = true;
      lastLoggedNanos = now;
      suppressedBefore = suppressed;
      suppressed = 0;
    }
    String line = suppressedBefore == 0 ? message
        : message + " (" + suppressedBefore + " more suppressed)";
    if (cause == null) {
      log.warn(line);
    } else {
      log.warn(line, cause);
    }
  }
}
