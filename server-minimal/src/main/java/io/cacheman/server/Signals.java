package io.cacheman.server;

import org.slf4j.LoggerFactory;

/**
 * Runs an action on SIGTERM and SIGINT instead of letting the JVM die with status 143, so the
 * node can drain and exit 0. Falls back to a shutdown hook where signal handling is unavailable.
 */
final class Signals {
  private Signals() {}

  /**
   * Runs an action on SIGHUP (reload the TLS certificates, as {@code systemctl reload} asks),
   * instead of the JVM's default of exiting. Where signals cannot be handled, SIGHUP keeps its
   * default and {@code refresh_certs} remains the way to reload.
   */
  static void onHangup(Runnable action) {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> action.run());
    } catch (IllegalArgumentException | LinkageError e) {
      LoggerFactory.getLogger(Signals.class)
          .warn("cannot handle SIGHUP ({}); reload certificates with refresh_certs", e.toString());
    }
  }

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
