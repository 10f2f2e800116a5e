package io.cacheman.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.bench.server.BenchServer;
import io.cacheman.bench.server.ServerKind;
import io.cacheman.bench.server.ServerSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Servers for tests: real memcached (required, never skipped) and the canned server. */
final class TestServers {
  static final Path MEMCACHED = Path.of("/usr/bin/memcached");

  private TestServers() {}

  /** A spec for a small server of {@code kind}; fails the test when memcached is not installed. */
  static ServerSpec spec(ServerKind kind) {
    if (kind == ServerKind.MEMCACHED) {
      assertTrue(Files.isExecutable(MEMCACHED), "memcached not found at " + MEMCACHED + ": apt-get install memcached");
    }
    return new ServerSpec(kind, 1, 64, "lru", MEMCACHED, null, List.of(), 100);
  }

  static BenchServer start(ServerKind kind) throws Exception {
    return spec(kind).start();
  }
}
