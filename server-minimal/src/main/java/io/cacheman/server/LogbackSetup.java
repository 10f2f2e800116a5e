package io.cacheman.server;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import org.slf4j.LoggerFactory;

/**
 * Logback-specific setup, kept apart so the server still runs with any other slf4j binding:
 * this class is loaded only after {@link ServerMain} has checked that logback is the binding.
 */
final class LogbackSetup {
  private LogbackSetup() {}

  static void configure(URL config) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(config);
    } catch (JoranException e) {
      // Logback has recorded the problem in its status manager; it prints it below.
      ch.qos.logback.core.util.StatusPrinter.printInCaseOfErrorsOrWarnings(context);
    }
  }

  /** Sets the root logger's level (ERROR, WARN, INFO, DEBUG or TRACE). */
  static void setRootLevel(String level) {
    ch.qos.logback.classic.Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory())
        .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(ch.qos.logback.classic.Level.toLevel(level));
  }

  /** Flushes and stops logging, so the last lines are written before the JVM exits. */
  static void stop() {
    ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
  }
}
