package io.cacheman.samples.stampede;

import io.cacheman.config.NodeAddress;
import io.cacheman.config.Protocol;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A fleet's stampede, for real: {@code processes} application JVMs ({@link StampedeWorker}), each
 * with {@code threads} threads, miss the same key at the same moment. Counts how many times the
 * loader (the "database") ran in total: with the text protocol once per process, with memcached's
 * leases (meta) once in all.
 */
public final class Stampede {
  /** What the processes reported, summed. */
  public record Outcome(int loads, int values, int failures) {}

  private Stampede() {}

  /**
   * Runs the stampede and returns once every process has reported and exited (60 s at most).
   *
   * @param loaderThrows whether the loader fails (the database is down)
   */
  public static Outcome run(List<NodeAddress> nodes, Protocol protocol, String key, int processes, int threads,
      Duration loaderTime, boolean loaderThrows) throws IOException, InterruptedException {
    String nodeList = nodes.stream().map(NodeAddress::id).collect(Collectors.joining(","));
    List<Process> workers = new ArrayList<>();
    try {
      for (int i = 0; i < processes; i++) {
        workers.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
            System.getProperty("java.class.path"), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
            StampedeWorker.class.getName(), nodeList, protocol.name().toLowerCase(Locale.ROOT), key,
            Integer.toString(threads), Long.toString(loaderTime.toMillis()), loaderThrows ? "throw" : "ok")
            .redirectError(ProcessBuilder.Redirect.DISCARD).start());
      }
      List<BufferedReader> outputs = new ArrayList<>();
      for (Process worker : workers) {
        BufferedReader out = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8));
        expect(out, "READY");
        outputs.add(out);
      }
      for (Process worker : workers) { // all ready: start them as close together as a pipe allows
        PrintWriter in = new PrintWriter(worker.getOutputStream(), true, StandardCharsets.UTF_8);
        in.println("GO");
      }
      int loads = 0;
      int values = 0;
      int failures = 0;
      for (BufferedReader out : outputs) {
        String[] counts = expect(out, "RESULT").split(" ");
        loads += Integer.parseInt(counts[1].substring("loads=".length()));
        values += Integer.parseInt(counts[2].substring("values=".length()));
        failures += Integer.parseInt(counts[3].substring("failures=".length()));
      }
      return new Outcome(loads, values, failures);
    } finally {
      for (Process worker : workers) {
        worker.getOutputStream().close();
        if (!worker.waitFor(60, TimeUnit.SECONDS)) {
          worker.destroyForcibly();
        }
      }
    }
  }

  private static String expect(BufferedReader out, String prefix) throws IOException {
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    throw new IOException("a stampede worker exited before printing " + prefix);
  }
}
