package io.cacheman.bench.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A server for the bench to start on loopback, with the settings that matter for a fair match:
 * memcached and server-minimal get the same thread count and memory limit.
 *
 * @param kind which server
 * @param threads worker threads ({@code -t} for both servers, event loops for the canned one)
 * @param memoryMb memory limit in MiB ({@code -m})
 * @param eviction {@code lru} or {@code lfu}; server-minimal only
 * @param memcachedBinary the memcached executable
 * @param serverJar server-minimal's runnable jar
 * @param jvmOptions options for server-minimal's JVM (e.g. {@code -Xmx2g})
 * @param cannedValueSize the size of the value the canned server answers every get with
 */
public record ServerSpec(ServerKind kind, int threads, int memoryMb, String eviction, Path memcachedBinary,
    Path serverJar, List<String> jvmOptions, int cannedValueSize) {

  private static final Duration MEMCACHED_START = Duration.ofSeconds(5);
  private static final Duration JVM_START = Duration.ofSeconds(20);
  private static final int PORT_ATTEMPTS = 3;

  /** Checks the ranges. */
  public ServerSpec {
    if (threads < 1 || threads > 256) {
      throw new IllegalArgumentException("server threads must be 1..256, was " + threads);
    }
    if (memoryMb < 1) {
      throw new IllegalArgumentException("server memory must be at least 1 MB, was " + memoryMb);
    }
    eviction = eviction.toLowerCase(Locale.ROOT);
    if (!eviction.equals("lru") && !eviction.equals("lfu")) {
      throw new IllegalArgumentException("eviction must be lru or lfu, was '" + eviction + "'");
    }
    jvmOptions = List.copyOf(jvmOptions);
  }

  /** The same spec for another kind of server. */
  public ServerSpec withKind(ServerKind other) {
    return new ServerSpec(other, threads, memoryMb, eviction, memcachedBinary, serverJar, jvmOptions, cannedValueSize);
  }

  /** The same spec with another eviction policy. */
  public ServerSpec withEviction(String other) {
    return new ServerSpec(kind, threads, memoryMb, other, memcachedBinary, serverJar, jvmOptions, cannedValueSize);
  }

  /**
   * Starts the server and waits until it answers.
   *
   * @throws IOException with a one-sentence reason when it cannot be started
   */
  public BenchServer start() throws IOException, InterruptedException {
    return switch (kind) {
      case CANNED -> CannedServer.start(threads, cannedValueSize);
      case MEMCACHED -> startProcess(this::memcachedCommand, "memcached -t " + threads + " -m " + memoryMb,
          MEMCACHED_START);
      case CACHEMAN -> startProcess(this::serverMinimalCommand,
          "server-minimal -t " + threads + " -m " + memoryMb + " --eviction " + eviction, JVM_START);
    };
  }

  private interface CommandForPort {
    List<String> at(int port) throws IOException;
  }

  private static BenchServer startProcess(CommandForPort command, String description, Duration timeout)
      throws IOException, InterruptedException {
    IOException last = null;
    for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
      int port = FreePort.find();
      try {
        return ChildProcessServer.start(command.at(port), port, description, timeout);
      } catch (IOException e) {
        // Most likely another process took the port between the probe and the bind: try another.
        last = e;
      }
    }
    throw last;
  }

  private List<String> memcachedCommand(int port) throws IOException {
    if (!Files.isExecutable(memcachedBinary)) {
      throw new IOException("memcached not found at " + memcachedBinary + " (apt-get install memcached)");
    }
    List<String> cmd = new ArrayList<>(List.of(memcachedBinary.toString(), "-l", "127.0.0.1", "-p",
        Integer.toString(port), "-U", "0", "-t", Integer.toString(threads), "-m", Integer.toString(memoryMb),
        "-c", "4096"));
    if ("root".equals(System.getProperty("user.name"))) {
      cmd.addAll(List.of("-u", "root")); // memcached refuses to run as root unless told which user to be
    }
    return cmd;
  }

  private List<String> serverMinimalCommand(int port) throws IOException {
    if (!Files.isRegularFile(serverJar)) {
      throw new IOException("server-minimal jar not found at " + serverJar
          + " (build it with: mvn -pl server-minimal -am package -DskipTests, or pass --server-jar)");
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-jar", serverJar.toString(), "-l", "127.0.0.1", "-p", Integer.toString(port),
        "-t", Integer.toString(threads), "-m", Integer.toString(memoryMb), "-c", "4096", "--eviction", eviction));
    return cmd;
  }

  /** Where server-minimal's jar is looked for when not given: the source tree, from here or from this jar. */
  public static Path defaultServerJar() {
    Path relative = Path.of("server-minimal", "target", "cacheman-server.jar");
    List<Path> candidates = new ArrayList<>(List.of(relative, Path.of("..").resolve(relative)));
    try {
      Path self = Path.of(ServerSpec.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // bench/target/cacheman-bench.jar or bench/target/classes -> the repository root is two levels up.
      Path root = self.getParent() == null ? null : self.getParent().getParent();
      if (root != null && root.getParent() != null) {
        candidates.add(0, root.getParent().resolve(relative));
      }
    } catch (Exception e) {
      // No code source (unusual class loader): the working-directory candidates remain.
    }
    return candidates.stream().filter(Files::isRegularFile).findFirst().orElse(candidates.get(0)).normalize();
  }
}
