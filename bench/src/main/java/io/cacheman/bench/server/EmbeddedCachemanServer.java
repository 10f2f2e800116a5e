package io.cacheman.bench.server;

import io.cacheman.server.CachemanServer;
import io.cacheman.server.Eviction;
import io.cacheman.server.ServerConfig;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * server-minimal inside the bench's own JVM, through its embedding API. Cheaper to start than a
 * child process, but it shares the heap, GC and cores with the client being measured: use it for
 * quick checks and tests, and the separate process ({@link ServerKind#CACHEMAN}) for figures.
 */
public final class EmbeddedCachemanServer implements BenchServer {
  private final CachemanServer server;

  private EmbeddedCachemanServer(CachemanServer server) {
    this.server = server;
  }

  /** Starts a node on a free loopback port with {@code threads} event loops and a limit of {@code memoryMb}. */
  public static EmbeddedCachemanServer start(int threads, int memoryMb, String eviction) {
    return new EmbeddedCachemanServer(CachemanServer.start(ServerConfig.builder()
        .listenAddress("127.0.0.1")
        .port(0)
        .threads(threads)
        .maxConnections(4096)
        .memoryLimitBytes((long) memoryMb << 20)
        .eviction(Eviction.valueOf(eviction.toUpperCase(Locale.ROOT)))
        .build()));
  }

  @Override
  public List<InetSocketAddress> addresses() {
    return List.of(new InetSocketAddress("127.0.0.1", server.port()));
  }

  @Override
  public OptionalLong pid() {
    return OptionalLong.of(ProcessHandle.current().pid());
  }

  @Override
  public String describe() {
    ServerConfig c = server.config();
    return "server-minimal " + CachemanServer.version() + " in the bench's JVM -t " + c.threads() + " -m "
        + (c.memoryLimitBytes() >> 20) + " --eviction " + c.eviction().name().toLowerCase(Locale.ROOT)
        + " on 127.0.0.1:" + server.port();
  }

  @Override
  public void close() {
    server.close();
  }
}
