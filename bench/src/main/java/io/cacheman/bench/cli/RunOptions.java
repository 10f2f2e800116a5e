package io.cacheman.bench.cli;

import io.cacheman.bench.client.ClientSettings;
import io.cacheman.bench.client.ClientType;
import io.cacheman.bench.load.KeyDistribution;
import io.cacheman.bench.load.KeySpace;
import io.cacheman.bench.load.LoadSpec;
import io.cacheman.bench.load.ValueSizes;
import io.cacheman.bench.load.Workload;
import io.cacheman.bench.server.BenchServer;
import io.cacheman.bench.server.ExternalServers;
import io.cacheman.bench.server.ServerGroup;
import io.cacheman.bench.server.ServerKind;
import io.cacheman.bench.server.ServerSpec;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Everything one load run is made of: target, client, load shape and workload. {@code run} takes
 * these options directly; {@code compare} parses one set per configuration.
 */
final class RunOptions {
  /** Memory limit of a started server unless --server-memory says otherwise: enough not to evict. */
  static final int DEFAULT_SERVER_MEMORY_MB = 1024;

  @Option(names = "--servers", paramLabel = "HOST:PORT[,...]",
      description = "Servers to target, already running. Either this or --server.")
  String servers;

  @Option(names = "--server", paramLabel = "KIND", converter = Converters.ServerKindConverter.class,
      description = "Start this server on loopback on a free port for the run, as a separate process: memcached, "
          + "cacheman (server-minimal) or canned (built-in, fixed replies, stores nothing: the I/O ceiling); or "
          + "cacheman-embedded: server-minimal inside the bench's JVM, for quick checks. "
          + "Its memory limit is 1024 MB unless --server-memory says otherwise.")
  ServerKind server;

  @Mixin
  ServerOptions serverOptions = new ServerOptions();

  @Option(names = "--nodes", paramLabel = "N", defaultValue = "1",
      description = "With --server: start N such servers, each on its own port, as the nodes of one cluster "
          + "(each client routes keys over them with its own default hashing). Default: ${DEFAULT-VALUE}.")
  int nodes;

  @Option(names = "--client", paramLabel = "NAME", defaultValue = "cacheman", converter = Converters.ClientConverter.class,
      description = "cacheman, spymemcached, xmemcached or folsom. Default: ${DEFAULT-VALUE}.")
  ClientType client;

  @Option(names = "--connections", paramLabel = "N", defaultValue = "2",
      description = "Connections per server for clients that pool them (cacheman, xmemcached, folsom). Default: ${DEFAULT-VALUE}.")
  int connections;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "1s", converter = Converters.DurationConverter.class,
      description = "Operation timeout of every client. Default: ${DEFAULT-VALUE}.")
  Duration timeout;

  @Option(names = {"-t", "--threads"}, paramLabel = "N", defaultValue = "4",
      description = "Load threads. Default: ${DEFAULT-VALUE}.")
  int threads;

  @Option(names = "--virtual-threads",
      description = "Run the load threads as virtual threads (needs a Java 21+ runtime; up to 100,000 threads).")
  boolean virtualThreads;

  @Option(names = "--default-in-flight",
      description = "Leave the clients' bound on requests in flight at its default (Cacheman's cacheman.max-in-flight "
          + "1024 per connection, folsom's 1000) instead of sizing it for the load.")
  boolean defaultInFlight;

  @Option(names = "--meta",
      description = "Cacheman speaks memcached 1.6's meta protocol (cacheman.protocol = meta); the peers speak text.")
  boolean meta;

  @Option(names = "--compression-threshold", paramLabel = "BYTES", defaultValue = "0",
      description = "Values of at least BYTES are compressed by the clients that can: Cacheman "
          + "(Transcoders.compressing), spymemcached and xmemcached (their SerializingTranscoder); folsom never "
          + "compresses. 0: off, values pass through as raw bytes. Default: ${DEFAULT-VALUE}.")
  int compressionThreshold;

  @Option(names = "--mode", paramLabel = "sync|async", defaultValue = "sync", converter = Converters.ModeConverter.class,
      description = "sync: each thread waits for each reply; async: each thread keeps --window requests in flight. "
          + "Default: ${DEFAULT-VALUE}.")
  LoadSpec.Mode mode;

  @Option(names = "--window", paramLabel = "W", defaultValue = "16",
      description = "Requests in flight per thread in async mode. Default: ${DEFAULT-VALUE}.")
  int window;

  @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "10s", converter = Converters.DurationConverter.class,
      description = "Measured time (after the warmup). Default: ${DEFAULT-VALUE}.")
  Duration duration;

  @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "3s", converter = Converters.DurationConverter.class,
      description = "Time run but not measured, for the JIT and the connections. Default: ${DEFAULT-VALUE}.")
  Duration warmup;

  @Option(names = "--max-requests", paramLabel = "N", defaultValue = "0", converter = Converters.CountConverter.class,
      description = "Hard cap on requests (warmup included); the run ends at the cap or the duration. 0: no cap.")
  long maxRequests;

  @Option(names = "--keys", paramLabel = "N", defaultValue = "100000", converter = Converters.CountConverter.class,
      description = "Number of distinct keys (16 bytes each). Default: ${DEFAULT-VALUE}.")
  long keys;

  @Option(names = "--key-dist", paramLabel = "uniform|zipf:S", defaultValue = "uniform",
      description = "Key popularity: uniform or zipf:<skew>, e.g. zipf:0.99. Default: ${DEFAULT-VALUE}.")
  String keyDistribution;

  @Option(names = "--value-size", paramLabel = "SIZE[:W,...]", defaultValue = "100",
      description = "Value size in bytes, or a weighted mix such as 100:0.9,10240:0.1. Default: ${DEFAULT-VALUE}.")
  String valueSize;

  @Option(names = "--get-ratio", paramLabel = "R", defaultValue = "0.9",
      description = "Share of gets; the rest are sets. Default: ${DEFAULT-VALUE}.")
  double getRatio;

  @Option(names = "--multi-get", paramLabel = "N", defaultValue = "1",
      description = "Keys per get call: 1 for single gets; more for one multi-get of N distinct keys through the "
          + "client's bulk call (each drawn as a single get's key is). Latency is per call; keys/s and CPU per key "
          + "are reported beside ops/s (calls/s). Default: ${DEFAULT-VALUE}.")
  int multiGet;

  @Option(names = "--fill-on-miss", description = "A get that misses stores the key (cache-aside), within the same request.")
  boolean fillOnMiss;

  @Option(names = "--no-preload", description = "Do not store every key before measuring (gets may miss).")
  boolean noPreload;

  @Option(names = "--client-jar", paramLabel = "JAR",
      description = "Run the load in a child JVM started from this bench jar (or class path) instead of in this "
          + "one, against the same target: e.g. a bench built from another commit, to compare two builds of the "
          + "SDK in one compare. Its output is shown only if it fails.")
  String clientJar;

  @Option(names = "--client-jvm-opts", paramLabel = "OPTS", defaultValue = "",
      description = "JVM options of the --client-jar child, space-separated (e.g. \"-Xmx1g\").")
  String clientJvmOptions;

  /**
   * The options given on the command line that a {@code --client-jar} child takes over (see {@link
   * ChildRun#forwardedArgs}); set by the command that parsed them.
   */
  List<String> loadArgs = List.of();

  /** Rejects combinations no single option can check. */
  void validate() {
    if ((servers == null) == (server == null)) {
      throw new IllegalArgumentException(
          "give either --servers host:port[,...] or --server memcached|cacheman|cacheman-embedded|canned (exactly one)");
    }
    if (keys < 1 || keys > 50_000_000) {
      throw new IllegalArgumentException("--keys must be 1..50,000,000, was " + keys);
    }
    if (nodes < 1 || nodes > 256) {
      throw new IllegalArgumentException("--nodes must be 1..256, was " + nodes);
    }
    if (nodes > 1 && server == null) {
      throw new IllegalArgumentException("--nodes starts that many servers of --server; with --servers, list them");
    }
    if (multiGet < 1 || multiGet > Math.min(Workload.MAX_MULTI_GET, keys)) {
      throw new IllegalArgumentException("--multi-get must be 1.." + Math.min(Workload.MAX_MULTI_GET, keys)
          + " (at most --keys), was " + multiGet);
    }
    if (compressionThreshold < 0) {
      throw new IllegalArgumentException("--compression-threshold must be 0 (off) or more bytes, was "
          + compressionThreshold);
    }
    if (multiGet > 1 && fillOnMiss) {
      throw new IllegalArgumentException("--fill-on-miss applies to single gets; it cannot go with --multi-get "
          + multiGet);
    }
    if (virtualThreads && Runtime.version().feature() < 21) {
      throw new IllegalArgumentException("--virtual-threads needs a Java 21 or later runtime; this is Java "
          + Runtime.version().feature());
    }
    if (clientJar == null && !clientJvmOptions.isBlank()) {
      throw new IllegalArgumentException("--client-jvm-opts applies only to a --client-jar child");
    }
    if (clientJar != null) {
      checkClientJar();
    }
  }

  /** Fails before any server starts when the jar is not there, rather than in the child. */
  private void checkClientJar() {
    for (String entry : clientJar.split(File.pathSeparator)) {
      boolean exists;
      try {
        exists = !entry.isBlank() && Files.exists(Path.of(entry));
      } catch (InvalidPathException e) {
        exists = false;
      }
      if (!exists) {
        throw new IllegalArgumentException("--client-jar " + (entry.equals(clientJar) ? "" : clientJar + ": ")
            + "'" + entry + "' does not exist (build that bench with: mvn -B -pl bench -am package -DskipTests)");
      }
    }
  }

  Workload workload() {
    KeySpace keySpace = new KeySpace((int) keys);
    return new Workload(keySpace, KeyDistribution.parse(keyDistribution, (int) keys), ValueSizes.parse(valueSize),
        getRatio, fillOnMiss, multiGet);
  }

  LoadSpec loadSpec() {
    return new LoadSpec(threads, mode, window, warmup, duration, maxRequests, LoadSpec.DEFAULT_SEED, virtualThreads);
  }

  ClientSettings clientSettings() {
    int inFlight = mode == LoadSpec.Mode.ASYNC ? threads * window : threads;
    return new ClientSettings(connections, timeout, defaultInFlight ? 1 : inFlight, Math.min(inFlight, 1024), meta,
        compressionThreshold);
  }

  /** The server to start, or {@code null} when the run targets --servers. */
  ServerSpec serverSpec() {
    return server == null ? null
        : serverOptions.spec(server, DEFAULT_SERVER_MEMORY_MB, ValueSizes.parse(valueSize).firstSize());
  }

  /** The target of a run: the --nodes servers it starts, or the --servers given. */
  BenchServer startTarget() throws IOException, InterruptedException {
    return server != null ? ServerGroup.start(serverSpec(), nodes) : externalServers();
  }

  /** Tells targets apart: runs with the same key share one target in a comparison. */
  String targetKey() {
    return server != null ? serverSpec() + (nodes > 1 ? " x" + nodes : "") : "external " + servers;
  }

  /** The already-running servers given with --servers, or {@code null}. */
  ExternalServers externalServers() {
    return servers == null ? null : ExternalServers.parse(servers);
  }
}
