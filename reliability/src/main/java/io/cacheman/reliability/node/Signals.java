package io.cacheman.reliability.node;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Sends a signal to one process by PID with {@code kill -SIG PID} (the JDK can only TERM and KILL). */
final class Signals {
  private Signals() {}

  static void send(long pid, String signal) {
    ProcessBuilder kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
        .redirectErrorStream(true);
    try {
      Process p = kill.start();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("kill -" + signal + " " + pid + " did not finish in 10 s");
      }
      if (p.exitValue() != 0) {
        String out = new String(p.getInputStream().readAllBytes()).trim();
        throw new IllegalStateException("kill -" + signal + " " + pid + " failed: " + out);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run kill -" + signal + " " + pid + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling " + pid, e);
    }
  }
}
