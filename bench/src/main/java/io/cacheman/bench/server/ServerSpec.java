package io.cacheman.bench.server;

import io.cacheman.server.JvmSizing;
import io.cacheman.server.ServerConfig;
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
 * @param serverJar server-minimal's runnable jar, or {@code null} to run server-minimal's main class
 *     from the bench's own class path (its classes are part of the bench jar, built in the same
 *     reactor, so the two can never be out of step)
 * @param jvmOptions options for server-minimal's JVM, after the documented sizing ({@link
 *     JvmSizing#options}), which they may override
 * @param cannedValueSize the size of the value the canned server answers every get with
 */
public record ServerSpec(ServerKind kind, int threads, int memoryMb, String eviction, Path memcachedBinary,
    Path serverJar, List<String> jvmOptions, int cannedValueSize) {

  // Deadlines, not waits: a JVM can take tens of seconds to start on a loaded 2-core machine.
  private static final Duration MEMCACHED_START = Duration.ofSeconds(20);
  private static final Duration JVM_START = Duration.ofSeconds(60);
  private static final int PORT_ATTEMPTS = 3;
  /** server-minimal's entry point, as named in its jar's manifest. */
  private static final String SERVER_MAIN = "io.cacheman.server.ServerMain";

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

  /** The same spec with {@code more} JVM options for server-minimal, after the others. */
  public ServerSpec withMoreJvmOptions(List<String> more) {
    List<String> all = new ArrayList<>(jvmOptions);
    all.addAll(more);
    return new ServerSpec(kind, threads, memoryMb, eviction, memcachedBinary, serverJar, all, cannedValueSize);
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
    checkInstalled();
    return switch (kind) {
      case CANNED -> startProcess(this::cannedCommand, "canned server -t " + threads + ", " + cannedValueSize
          + "-byte values", JVM_START);
      case MEMCACHED -> startProcess(this::memcachedCommand, "memcached -t " + threads + " -m " + memoryMb,
          MEMCACHED_START);
      case CACHEMAN -> startProcess(this::serverMinimalCommand,
          "server-minimal -t " + threads + " -m " + memoryMb + " --eviction " + eviction, JVM_START);
      case CACHEMAN_EMBEDDED -> EmbeddedCachemanServer.start(threads, memoryMb, eviction);
    };
  }

  private interface CommandForPort {
    List<String> at(int port);
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

  private void checkInstalled() throws IOException {
    if (kind == ServerKind.MEMCACHED && !Files.isExecutable(memcachedBinary)) {
      throw new IOException("memcached not found at " + memcachedBinary + " (apt-get install memcached)");
    }
    if (kind == ServerKind.CACHEMAN && serverJar != null && !Files.isRegularFile(serverJar)) {
      throw new IOException("server-minimal jar not found at " + serverJar
          + " (build it with: mvn -pl server-minimal -am package -DskipTests)");
    }
  }

  private List<String> memcachedCommand(int port) {
    List<String> cmd = new ArrayList<>(List.of(memcachedBinary.toString(), "-l", "127.0.0.1", "-p",
        Integer.toString(port), "-U", "0", "-t", Integer.toString(threads), "-m", Integer.toString(memoryMb),
        "-c", "4096"));
    if ("root".equals(System.getProperty("user.name"))) {
      cmd.addAll(List.of("-u", "root")); // memcached refuses to run as root unless told which user to be
    }
    return cmd;
  }

  private List<String> cannedCommand(int port) {
    return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), CannedServerMain.class.getName(), "-p", Integer.toString(port),
        "-t", Integer.toString(threads), "--value-size", Integer.toString(cannedValueSize));
  }

  private List<String> serverMinimalCommand(int port) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // the documented sizing for -m (docs/server.md), as the service files use it; --server-jvm-opts
    // come after it, so they can override it
    cmd.addAll(JvmSizing.options((long) memoryMb << 20, ServerConfig.DEFAULT_MAX_ITEM_SIZE));
    cmd.addAll(jvmOptions);
    if (serverJar != null) {
      cmd.addAll(List.of("-jar", serverJar.toString()));
    } else {
      cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SERVER_MAIN));
    }
    cmd.addAll(List.of("-l", "127.0.0.1", "-p", Integer.toString(port), "-t", Integer.toString(threads),
        "-m", Integer.toString(memoryMb), "-c", "4096", "--eviction", eviction));
    return cmd;
  }
}
