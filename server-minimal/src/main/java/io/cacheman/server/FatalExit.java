package io.cacheman.server;

import org.slf4j.Logger;

/** How the command line ends when a node thread dies. */
final class FatalExit {
  /** Exit status after a node thread died of an error. */
  static final int FATAL_STATUS = 3;

  private FatalExit() {}

  /**
   * A node thread died: log one clear last line and end the process with status {@value
   * #FATAL_STATUS}, so a supervisor restarts it (systemd's unit does; status 2, a bad flag, it does
   * not). {@code halt}, not {@code exit}: shutdown hooks and the SIGTERM drain could wait forever
   * on the dead thread, which is how an out-of-memory node used to keep its port and answer
   * nothing.
   */
  static void exit(Logger log, Throwable error) {
    try {
      log.error("fatal: {} ({}); exiting with status {}", error.getMessage(),
          String.valueOf(error.getCause()), FATAL_STATUS);
      if (ServerMain.logbackIsBound()) {
        LogbackSetup.stop();
      }
    } finally {
      Runtime.getRuntime().halt(FATAL_STATUS);
    }
  }

}
