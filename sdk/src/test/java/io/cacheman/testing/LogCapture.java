package io.cacheman.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects what the SDK logs while it is open, to assert on the lines an operator would read. */
public final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private final Level levelBefore;

  /** Captures everything logged under {@code io.cacheman} at INFO and above. */
  public LogCapture() {
    this(null);
  }

  /** Captures everything logged under {@code io.cacheman} at {@code level} and above (null: as configured). */
  public LogCapture(Level level) {
    logger = (Logger) LoggerFactory.getLogger("io.cacheman");
    levelBefore = logger.getLevel();
    if (level != null) {
      logger.setLevel(level);
    }
    appender.start();
    logger.addAppender(appender);
  }

  /** Every message captured, at any level, with its exception chain's messages. */
  public String everything() {
    StringBuilder out = new StringBuilder();
    synchronized (appender) {
      for (ILoggingEvent e : appender.list) {
        out.append(e.getFormattedMessage()).append('\n');
        for (var t = e.getThrowableProxy(); t != null; t = t.getCause()) {
          out.append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
        }
      }
    }
    return out.toString();
  }

  /** The messages logged at {@code level}, formatted, oldest first. */
  public List<String> messages(Level level) {
    synchronized (appender) { // the lock AppenderBase.doAppend holds while adding
      return appender.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  /** True once a message at {@code level} contains every one of {@code parts}. */
  public boolean has(Level level, String... parts) {
    return messages(level).stream().anyMatch(m -> List.of(parts).stream().allMatch(m::contains));
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
    logger.setLevel(levelBefore);
  }
}
