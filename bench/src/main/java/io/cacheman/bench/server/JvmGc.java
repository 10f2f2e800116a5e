package io.cacheman.bench.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Asks another JVM for a full collection with {@code jcmd PID GC.run}, so a resident-memory reading
 * of a JVM server shows its live data rather than garbage it has not collected yet.
 */
public final class JvmGc {
  private static final long TIMEOUT_SECONDS = 60;

  private JvmGc() {}

  /**
   * Runs a full GC in process {@code pid} and waits for it.
   *
   * @throws IOException when jcmd is missing or fails
   */
  public static void run(long pid) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    if (!Files.isExecutable(jcmd)) {
      throw new IOException("jcmd not found at " + jcmd + " (a full JDK is needed to collect the server's heap)");
    }
    Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("jcmd " + pid + " GC.run did not finish within " + TIMEOUT_SECONDS + "s");
    }
    if (p.exitValue() != 0) {
      throw new IOException("jcmd " + pid + " GC.run failed with exit code " + p.exitValue());
    }
  }
}
