package io.cacheman.reliability.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How to launch a node process: which program, on which port, with which limits. Immutable; the
 * {@code with*} methods return changed copies.
 *
 * <pre>{@code
 * NodeSpec spec = NodeSpec.serverMinimal().withMemoryMb(32).withThreads(1);
 * NodeSpec reference = NodeSpec.memcached();   // /usr/bin/memcached, for comparison
 * }</pre>
 *
 * @param program which node to run
 * @param port the port, or 0 to pick a free one at start (and keep it across restarts)
 * @param memoryMb the memory limit for items ({@code -m})
 * @param threads network threads ({@code -t})
 * @param maxConnections simultaneous connections ({@code -c})
 * @param extraArgs further node flags, e.g. {@code --eviction none} or {@code -I 2m}
 * @param jvmArgs JVM flags for server-minimal (ignored for memcached)
 * @param startTimeout how long the node may take to answer {@code version}
 * @param logDirectory where each process's output goes
 */
public record NodeSpec(Program program, int port, int memoryMb, int threads, int maxConnections,
    List<String> extraArgs, List<String> jvmArgs, Duration startTimeout, Path logDirectory) {

  /** The node programs a test can start. */
  public enum Program {
    /** Cacheman's node, {@code io.cacheman.server.ServerMain}, in a new JVM on this JVM's classpath. */
    SERVER_MINIMAL,
    /** The reference: {@code /usr/bin/memcached}. */
    MEMCACHED
  }

  private static final String SERVER_MAIN = "io.cacheman.server.ServerMain";
  private static final String MEMCACHED_BINARY = "/usr/bin/memcached";

  /** Copies the argument lists. */
  public NodeSpec {
    extraArgs = List.copyOf(extraArgs);
    jvmArgs = List.copyOf(jvmArgs);
  }

  /**
   * server-minimal with 64 MB for items, 2 threads, a 256 MB heap and the serial collector (small
   * and quick to start on a shared machine), 30 s to start, output under {@code target/nodes}.
   */
  public static NodeSpec serverMinimal() {
    return new NodeSpec(Program.SERVER_MINIMAL, 0, 64, 2, 1024, List.of(),
        List.of("-Xmx256m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError"),
        Duration.ofSeconds(30), Path.of("target", "nodes"));
  }

  /**
   * Real memcached with the same defaults as {@link #serverMinimal()}.
   *
   * @throws IllegalStateException when it is not installed
   */
  public static NodeSpec memcached() {
    if (!Files.isExecutable(Path.of(MEMCACHED_BINARY))) {
      throw new IllegalStateException(MEMCACHED_BINARY + " is missing: apt-get install memcached");
    }
    return serverMinimal().withProgram(Program.MEMCACHED);
  }

  /** A copy running {@code p}. */
  public NodeSpec withProgram(Program p) {
    return new NodeSpec(p, port, memoryMb, threads, maxConnections, extraArgs, jvmArgs, startTimeout, logDirectory);
  }

  /** A copy on port {@code p} (0 = a free one, picked at start). */
  public NodeSpec withPort(int p) {
    return new NodeSpec(program, p, memoryMb, threads, maxConnections, extraArgs, jvmArgs, startTimeout, logDirectory);
  }

  /** A copy with {@code -m mb}. */
  public NodeSpec withMemoryMb(int mb) {
    return new NodeSpec(program, port, mb, threads, maxConnections, extraArgs, jvmArgs, startTimeout, logDirectory);
  }

  /** A copy with {@code -t n}. */
  public NodeSpec withThreads(int n) {
    return new NodeSpec(program, port, memoryMb, n, maxConnections, extraArgs, jvmArgs, startTimeout, logDirectory);
  }

  /** A copy with {@code -c n}. */
  public NodeSpec withMaxConnections(int n) {
    return new NodeSpec(program, port, memoryMb, threads, n, extraArgs, jvmArgs, startTimeout, logDirectory);
  }

  /** A copy with these further node flags (replacing earlier ones). */
  public NodeSpec withExtraArgs(String... args) {
    return new NodeSpec(program, port, memoryMb, threads, maxConnections, List.of(args), jvmArgs, startTimeout,
        logDirectory);
  }

  /** A copy with these JVM flags instead of the defaults (server-minimal only). */
  public NodeSpec withJvmArgs(String... args) {
    return new NodeSpec(program, port, memoryMb, threads, maxConnections, extraArgs, List.of(args), startTimeout,
        logDirectory);
  }

  /** A copy writing process output under {@code dir}. */
  public NodeSpec withLogDirectory(Path dir) {
    return new NodeSpec(program, port, memoryMb, threads, maxConnections, extraArgs, jvmArgs, startTimeout, dir);
  }

  /** The command line that starts this node on {@code port}. */
  List<String> command(int port) {
    List<String> cmd = new ArrayList<>();
    List<String> flags = List.of("-l", "127.0.0.1", "-p", Integer.toString(port), "-m", Integer.toString(memoryMb),
        "-t", Integer.toString(threads), "-c", Integer.toString(maxConnections));
    if (program == Program.MEMCACHED) {
      cmd.add(MEMCACHED_BINARY);
      cmd.addAll(flags);
      // -U 0: no UDP. -u: memcached refuses to run as root without naming a user; ignored otherwise.
      cmd.addAll(List.of("-U", "0", "-u", System.getProperty("user.name")));
    } else {
      cmd.add(ProcessHandle.current().info().command()
          .orElseThrow(() -> new IllegalStateException("cannot tell which java binary runs this JVM")));
      cmd.addAll(jvmArgs);
      cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SERVER_MAIN));
      cmd.addAll(flags);
    }
    cmd.addAll(extraArgs);
    return cmd;
  }
}
