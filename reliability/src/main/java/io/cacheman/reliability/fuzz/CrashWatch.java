package io.cacheman.reliability.fuzz;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/**
 * Notices when an in-process node hits an unexpected exception: the node catches it to keep its
 * event loop alive and logs it at WARN or above, so every such log event under
 * {@code io.cacheman.server} counts as a crash, as does any uncaught exception in any thread.
 *
 * <p>Needs logback as the slf4j binding (this module ships it). {@link #close()} detaches.
 */
public final class CrashWatch implements AutoCloseable {
  private static final int KEPT = 5;

  private final Logger serverLogger;
  private final Level previousLevel;
  private final Thread.UncaughtExceptionHandler previousHandler;
  private final AtomicLong crashes = new AtomicLong();
  private final List<String> first = new ArrayList<>();
  private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
    @Override
    protected void append(ILoggingEvent event) {
      // "refused a ..." lines report a client's misbehaviour (a noreply command refused, a binary
      // client): the node handled them as designed, nothing crashed
      if (event.getLevel().isGreaterOrEqual(Level.WARN)
          && !event.getFormattedMessage().startsWith("refused a ")) {
        record(event.getFormattedMessage()
            + (event.getThrowableProxy() == null ? "" : ": " + event.getThrowableProxy().getClassName()
                + ": " + event.getThrowableProxy().getMessage()));
      }
    }
  };

  /** Starts watching. */
  public CrashWatch() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      throw new IllegalStateException("crash detection needs logback as the slf4j binding");
    }
    serverLogger = context.getLogger("io.cacheman.server");
    previousLevel = serverLogger.getLevel();
    if (!serverLogger.isEnabledFor(Level.WARN)) {
      serverLogger.setLevel(Level.WARN);
    }
    appender.setContext(context);
    appender.setName("crash-watch");
    appender.start();
    serverLogger.addAppender(appender);
    previousHandler = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> record("uncaught in " + t.getName() + ": " + e));
  }

  /** Unexpected exceptions seen so far. */
  public long crashes() {
    return crashes.get();
  }

  /** The first few, for the report. */
  public synchronized List<String> examples() {
    return List.copyOf(first);
  }

  private synchronized void record(String what) {
    crashes.incrementAndGet();
    if (first.size() < KEPT) {
      first.add(what);
    }
  }

  @Override
  public void close() {
    serverLogger.detachAppender(appender);
    serverLogger.setLevel(previousLevel);
    appender.stop();
    Thread.setDefaultUncaughtExceptionHandler(previousHandler);
  }
}
