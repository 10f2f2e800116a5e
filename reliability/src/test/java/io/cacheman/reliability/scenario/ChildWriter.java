package io.cacheman.reliability.scenario;

import static org.junit.jupiter.api.Assertions.fail;

import io.cacheman.NodeState;
import io.cacheman.config.CachemanConfig;
import io.cacheman.config.NodeAddress;
import io.cacheman.reliability.scenario.NodeStateLog.Change;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The test's handle on a {@link WriterProcess}: a child JVM on this JVM's class path. Reads the
 * child's stdout as it comes, tells it to quit, and reads its log. {@link #close()} kills it, by its
 * own process handle, if it is still there.
 */
final class ChildWriter implements AutoCloseable {
  private static final List<String> JVM_FLAGS =
      List.of("-Xmx128m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  /** What the child wrote: acks per key, its view of the watched node, its slowest set. */
  record Log(Map<Integer, TreeMap<Long, Long>> acksByKey, long acks, List<Change> states, Duration slowest,
      Duration lateness) {
    /** The sequence number of the last set of {@code key} acknowledged before {@code nanos}, or -1. */
    long lastAckedBefore(int key, long nanos) {
      TreeMap<Long, Long> acked = acksByKey.get(key);
      Map.Entry<Long, Long> last = acked == null ? null : acked.lowerEntry(nanos);
      return last == null ? -1 : last.getValue();
    }
  }

  private final Process process;
  private final Path log;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  private ChildWriter(Process process, Path log) {
    this.process = process;
    this.log = log;
    Thread reader = new Thread(this::readStdout, "child-writer-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts a writer of keys {@code prefix + 0 … keys-1} on {@code config}'s nodes, watching node
   * {@code watched}; it stops writing by itself after {@code maxRun}. Its log and stderr go to {@code dir}.
   */
  static ChildWriter start(CachemanConfig config, String watched, String prefix, int keys, Duration maxRun,
      Path dir) {
    String nodes = config.nodes().stream().map(NodeAddress::id).collect(Collectors.joining(","));
    Path log = dir.resolve("writer.log");
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command()
        .orElseThrow(() -> new IllegalStateException("cannot tell which java binary runs this JVM")));
    command.addAll(JVM_FLAGS);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), WriterProcess.class.getName(), nodes,
        watched, prefix, Integer.toString(keys), Long.toString(maxRun.toSeconds()), log.toString()));
    try {
      Process p = new ProcessBuilder(command).redirectError(dir.resolve("writer.err").toFile()).start();
      return new ChildWriter(p, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the writer process: " + e.getMessage(), e);
    }
  }

  /** Waits at most {@code limit} for a stdout line that {@code wanted} accepts, and returns it. */
  String await(String what, Predicate<String> wanted, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    try {
      while (true) {
        String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (line == null) {
          fail("the writer process did not report " + what + " within " + limit + (process.isAlive() ? ""
              : " (it exited with status " + process.exitValue() + ")"));
        }
        if (wanted.test(line)) {
          return line;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for the writer process", e);
    }
  }

  /** Waits until the child sees the watched node {@link NodeState#UP} at or after {@code sinceNanos}; returns when. */
  long awaitUp(long sinceNanos, Duration limit) {
    String line = await("the node back in routing", l -> l.startsWith("S " + NodeState.UP + " ")
        && Long.parseLong(l.substring(l.lastIndexOf(' ') + 1)) - sinceNanos >= 0, limit);
    return Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
  }

  /** Tells the child to stop, waits for it (at most {@code limit}) and reads its log. */
  Log quit(Duration limit) {
    try (OutputStream in = process.getOutputStream()) {
      in.write("quit\n".getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot tell the writer process to quit", e);
    }
    await("that it is done", "done"::equals, limit);
    return read();
  }

  private Log read() {
    Map<Integer, TreeMap<Long, Long>> acks = new HashMap<>();
    List<Change> states = new ArrayList<>();
    long count = 0;
    Duration slowest = null;
    Duration lateness = null;
    try {
      for (String line : Files.readAllLines(log, StandardCharsets.US_ASCII)) {
        String[] t = line.split(" ");
        switch (t[0]) {
          case "A" -> {
            acks.computeIfAbsent(Integer.parseInt(t[1]), k -> new TreeMap<>())
                .put(Long.parseLong(t[3]), Long.parseLong(t[2]));
            count++;
          }
          case "S" -> states.add(new Change(NodeState.valueOf(t[1]), Long.parseLong(t[2])));
          case "M" -> {
            slowest = Duration.ofNanos(Long.parseLong(t[1]));
            lateness = Duration.ofNanos(Long.parseLong(t[2]));
          }
          default -> fail("unexpected line in the writer's log: " + line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the writer's log", e);
    }
    if (slowest == null) {
      fail("the writer's log has no closing line");
    }
    return new Log(acks, count, states, slowest, lateness);
  }

  private void readStdout() {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        lines.add(line);
      }
    } catch (IOException e) {
      // the child is gone; a waiter times out and says so
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
