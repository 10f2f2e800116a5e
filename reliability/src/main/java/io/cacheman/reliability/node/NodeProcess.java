package io.cacheman.reliability.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cache node running as a separate operating-system process, so that tests can do to it what
 * happens to real nodes: {@code kill -9}, SIGSTOP/SIGCONT (a hung node whose sockets stay open),
 * and a restart on the same port.
 *
 * <pre>{@code
 * try (NodeProcess node = NodeProcess.start(NodeSpec.serverMinimal().memoryMb(64))) {
 *   node.pause();    // SIGSTOP: connections stay open, nothing answers
 *   node.resume();   // SIGCONT
 *   node.kill();     // SIGKILL
 *   node.restart();  // same port, empty cache
 * }
 * }</pre>
 *
 * <h2>Cleanup</h2>
 * Processes are only ever signalled by their own PID. {@link #close()} kills the process (a
 * stopped one too) and waits for it; every live node is also killed by a JVM shutdown hook, so a
 * failing test leaves nothing behind. Not thread-safe: one test thread drives a node.
 */
public final class NodeProcess implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NodeProcess.class);
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);

  private final NodeSpec spec;
  private final int port;
  private final Path logFile;
  private Process process;
  private boolean closed;

  private NodeProcess(NodeSpec spec, int port, Path logFile) {
    this.spec = spec;
    this.port = port;
    this.logFile = logFile;
  }

  /**
   * Starts a node and returns once it answers {@code version}.
   *
   * @throws IllegalStateException when it exits or stays silent past {@link NodeSpec#startTimeout()};
   *     the message quotes the end of its log
   */
  public static NodeProcess start(NodeSpec spec) {
    int port = spec.port() != 0 ? spec.port() : freePort();
    Path logFile;
    try {
      Files.createDirectories(spec.logDirectory());
      logFile = Files.createTempFile(spec.logDirectory(), "node-" + port + "-", ".log");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a log file in " + spec.logDirectory(), e);
    }
    NodeProcess node = new NodeProcess(spec, port, logFile);
    node.launch();
    return node;
  }

  /** The loopback port the node listens on; it keeps it across restarts. */
  public int port() {
    return port;
  }

  /** The node's address. */
  public InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }

  /** The current process's PID. */
  public long pid() {
    return process.pid();
  }

  /** True while the current process runs (a stopped process is alive). */
  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** The file collecting the node's standard output and error. */
  public Path logFile() {
    return logFile;
  }

  /** {@code kill -9}: the process dies at once, its sockets are reset by the kernel; waits for it. */
  public void kill() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroyForcibly();
    awaitExit();
  }

  /**
   * {@code kill -STOP}: the process freezes with its sockets open, as a hung node. Returns once
   * every thread of it is stopped (the signal alone does not wait for that).
   */
  public void pause() {
    long pid = pid();
    Signals.send(pid, "STOP");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!ProcStatus.allThreadsStopped(pid)) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("process " + pid + " did not stop within 5 s of SIGSTOP");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }

  /** {@code kill -CONT}: a paused process carries on. */
  public void resume() {
    Signals.send(pid(), "CONT");
  }

  /** Kills the process if it runs, and starts a new one on the same port; returns once it answers. */
  public void restart() {
    kill();
    launch();
  }

  /** The exit status of the process once it has ended by itself (within {@code timeout}), or -1. */
  public int awaitExitStatus(Duration timeout) throws InterruptedException {
    if (process == null || !process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return -1;
    }
    return process.exitValue();
  }

  /** Resident set size of the process now, in bytes (VmRSS). */
  public long rssBytes() {
    return ProcStatus.read(pid(), "VmRSS");
  }

  /** Peak resident set size of the process so far, in bytes (VmHWM). */
  public long peakRssBytes() {
    return ProcStatus.read(pid(), "VmHWM");
  }

  /** Kills the process (stopped or not) and waits for it; idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    kill();
    Reaper.forget(this);
  }

  /** Kills by PID without waiting: for the shutdown hook. */
  void killNow() {
    Process p = process;
    if (p != null) {
      p.destroyForcibly();
    }
  }

  private void launch() {
    List<String> command = new ArrayList<>(spec.command(port));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
    }
    Reaper.track(this);
    log.debug("node on port {} started as pid {}", port, process.pid());
    long deadline = System.nanoTime() + spec.startTimeout().toNanos();
    while (!Probe.answersVersion(port, Duration.ofMillis(500))) {
      if (!process.isAlive()) {
        throw new IllegalStateException("node on port " + port + " exited with status " + process.exitValue()
            + " while starting; its log ends with: " + Logs.tail(logFile, 10));
      }
      if (System.nanoTime() - deadline > 0) {
        kill();
        throw new IllegalStateException("node on port " + port + " did not answer version within "
            + spec.startTimeout() + "; its log ends with: " + Logs.tail(logFile, 10));
      }
      sleepBriefly();
    }
  }

  private void awaitExit() {
    try {
      if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("pid " + pid() + " still runs " + EXIT_TIMEOUT + " after SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for pid " + pid() + " to exit", e);
    }
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a node to start", e);
    }
  }

  /** A port that was free a moment ago; the node binds it soon after. */
  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free loopback port", e);
    }
  }

  @Override
  public String toString() {
    return "node:" + port + (process == null ? "" : " (pid " + process.pid() + ")");
  }
}
