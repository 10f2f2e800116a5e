package io.cacheman.server.internal.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Connection-error warnings under a storm: one line per second, then the suppressed count. */
class RateLimitedLogTest {
  private final Logger logger = (Logger) LoggerFactory.getLogger("rate-limited-log-test");
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final AtomicLong nanos = new AtomicLong(123_456_789L);
  private final RateLimitedLog log =
      new RateLimitedLog(logger, nanos::get, 1, TimeUnit.SECONDS);

  @BeforeEach
  void capture() {
    lines.start();
    logger.addAppender(lines);
    logger.setAdditive(false);
  }

  @AfterEach
  void release() {
    logger.detachAppender(lines);
  }

  @Test
  void aStormGivesOneLinePerSecondAndCountsTheRest() {
    log.warn("error 0", null);
    for (int i = 1; i <= 1000; i++) {
      nanos.addAndGet(TimeUnit.MICROSECONDS.toNanos(999)); // 1,000 errors within 0.999 s
      log.warn("error " + i, null);
    }
    assertEquals(List.of("error 0"), messages());

    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(1)); // now exactly one second after the first
    log.warn("error 1001", null);
    log.warn("error 1002", null);
    assertEquals(List.of("error 0", "error 1001 (1000 more suppressed)"), messages());

    nanos.addAndGet(TimeUnit.SECONDS.toNanos(5)); // a quiet spell: the next one goes out as is
    log.warn("error 1003", new IllegalStateException("boom"));
    assertEquals("error 1003 (1 more suppressed)", messages().get(2));
    assertEquals(Level.WARN, lines.list.get(2).getLevel());
    assertEquals("boom", lines.list.get(2).getThrowableProxy().getMessage());

    nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
    log.warn("error 1004", null);
    assertEquals("error 1004", messages().get(3));
  }

  private List<String> messages() {
    return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }
}
