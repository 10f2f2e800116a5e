package io.cacheman.bench.cli;

import io.cacheman.bench.server.ServerKind;
import io.cacheman.bench.server.ServerSpec;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How to start servers on loopback: shared by run, compare, memory and hitratio. */
final class ServerOptions {
  @Option(names = "--server-threads", paramLabel = "N",
      description = "Threads of a server the bench starts (-t of both memcached and server-minimal). "
          + "Default: the number of cores (${DEFAULT-VALUE}).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--server-memory", paramLabel = "MB", description = "Memory limit of a server the bench starts (-m).")
  Integer memoryMb;

  @Option(names = "--eviction", paramLabel = "lru|lfu", defaultValue = "lru",
      description = "server-minimal's eviction policy. Default: ${DEFAULT-VALUE}.")
  String eviction;

  @Option(names = "--server-jar", paramLabel = "FILE",
      description = "Run server-minimal from this jar. Default: from the bench's own class path, which includes "
          + "server-minimal as built with it.")
  Path serverJar;

  @Option(names = "--server-jvm-opts", paramLabel = "OPTS", defaultValue = "",
      description = "More JVM options for server-minimal, space-separated, after the documented sizing for its "
          + "-m (-Xmx and -XX:MaxDirectMemorySize, docs/server.md), which they override "
          + "(e.g. \"-XX:StartFlightRecording=filename=node.jfr\").")
  String jvmOptions;

  @Option(names = "--memcached", paramLabel = "FILE", defaultValue = "/usr/bin/memcached",
      description = "The memcached executable. Default: ${DEFAULT-VALUE}.")
  Path memcached;

  /** The spec for {@code kind}, with {@code defaultMemoryMb} unless --server-memory was given. */
  ServerSpec spec(ServerKind kind, int defaultMemoryMb, int cannedValueSize) {
    return new ServerSpec(kind, threads, memoryMb != null ? memoryMb : defaultMemoryMb, eviction, memcached,
        serverJar, Converters.words(jvmOptions), cannedValueSize);
  }
}
