package io.cacheman.server;

import org.slf4j.LoggerFactory;

/**
 * Runs an action on SIGTERM and SIGINT instead of letting the JVM die with status 143, so the
 * node can drain and exit 0. Falls back to a shutdown hook where signal handling is unavailable.
 */
final class Signals {
  private Signals() {}

  static void onTermination(Runnable action) {
    try {
      for (String name : new String[] {"TERM", "INT"}) {
        sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> action.run());
      }
    } catch (IllegalArgumentException | LinkageError e) {
      LoggerFactory.getLogger(Signals.class)
          .warn("cannot handle signals ({}); draining from a shutdown hook instead", e.toString());
      Runtime.getRuntime().addShutdownHook(new Thread(action, "cacheman-shutdown"));
    }
  }
}
