package io.cacheman.reliability.soak;

import io.cacheman.reliability.node.NodeProcess;
import io.cacheman.reliability.node.ProcStatus;
import io.cacheman.reliability.node.Probe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reading of a node process: resident memory, heap in use after a full GC ({@code jcmd PID
 * GC.run}, then {@code GC.heap_info}), threads, open file descriptors and the node's evictions.
 * A figure that cannot be read (the node is stopped or restarting) is -1.
 *
 * @param rssBytes VmRSS
 * @param heapAfterGcBytes heap used right after a full collection
 * @param threads threads of the process
 * @param fds open file descriptors of the process
 * @param evictions the node's {@code evictions} counter (since its last start)
 */
record NodeVitals(long rssBytes, long heapAfterGcBytes, long threads, long fds, long evictions) {
  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

  /** Reads the node now; a node that is paused or dead gives -1 everywhere. */
  static NodeVitals of(NodeProcess node) {
    long pid = node.pid();
    if (!node.isAlive() || ProcStatus.allThreadsStopped(pid)) {
      return new NodeVitals(-1, -1, -1, -1, -1);
    }
    long rss = orMinusOne(() -> ProcStatus.read(pid, "VmRSS"));
    long threads = orMinusOne(() -> ProcStatus.read(pid, "Threads") / 1024);
    long fds = orMinusOne(() -> count(Path.of("/proc", Long.toString(pid), "fd")));
    long heap = heapAfterGc(pid);
    long evictions = -1;
    try {
      evictions = Long.parseLong(Probe.stats(node.port(), Duration.ofSeconds(5)).get("evictions"));
    } catch (IOException | RuntimeException e) {
      // the node is being restarted or stopped: this minute has no figure for it
    }
    return new NodeVitals(rss, heap, threads, fds, evictions);
  }

  private static long heapAfterGc(long pid) {
    try {
      jcmd(pid, "GC.run");
      Matcher m = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
      return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Runs {@code jcmd PID command}, at most 20 s; its output. */
  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true)
        .start();
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("jcmd " + command + " took over 20 s");
    }
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  private static long count(Path dir) {
    try (var entries = Files.list(dir)) {
      return entries.count();
    } catch (IOException e) {
      return -1;
    }
  }

  private interface Reading {
    long read();
  }

  private static long orMinusOne(Reading reading) {
    try {
      return reading.read();
    } catch (RuntimeException e) {
      return -1; // the process exited between the checks
    }
  }
}
