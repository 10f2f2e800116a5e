package io.cacheman.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.bench.client.ClientAdapter;
import io.cacheman.bench.client.ClientSettings;
import io.cacheman.bench.client.ClientType;
import io.cacheman.bench.load.KeyDistribution;
import io.cacheman.bench.load.KeySpace;
import io.cacheman.bench.load.LoadRunner;
import io.cacheman.bench.load.LoadSpec;
import io.cacheman.bench.load.Preloader;
import io.cacheman.bench.load.ProgressListener;
import io.cacheman.bench.load.RunResult;
import io.cacheman.bench.load.ValueSizes;
import io.cacheman.bench.load.Workload;
import io.cacheman.bench.server.BenchServer;
import io.cacheman.bench.server.ServerKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every client (Cacheman's and the peers) in both modes against real memcached, server-minimal
 * and the canned server, with a request cap so each run is a fraction of a second: the bench's
 * moving parts keep working.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientSmokeTest {
  private static final int KEYS = 200;
  private static final long REQUESTS = 1_000;

  private final List<BenchServer> servers = new ArrayList<>();
  private BenchServer memcached;
  private BenchServer canned;
  private BenchServer serverMinimal;

  @BeforeAll
  void startServers() throws Exception {
    memcached = TestServers.start(ServerKind.MEMCACHED);
    servers.add(memcached);
    canned = TestServers.start(ServerKind.CANNED);
    servers.add(canned);
    serverMinimal = TestServers.start(ServerKind.CACHEMAN_EMBEDDED);
    servers.add(serverMinimal);
  }

  @AfterAll
  void stopServers() {
    servers.forEach(BenchServer::close);
  }

  Stream<Arguments> clientsModesAndServers() {
    List<Arguments> all = new ArrayList<>();
    for (ClientType client : ClientType.values()) {
      for (LoadSpec.Mode mode : LoadSpec.Mode.values()) {
        for (ServerKind server : List.of(ServerKind.MEMCACHED, ServerKind.CACHEMAN_EMBEDDED, ServerKind.CANNED)) {
          all.add(Arguments.of(client, mode, server));
        }
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} {1} against {2}")
  @MethodSource("clientsModesAndServers")
  void everyRequestIsAnsweredAndEveryPreloadedKeyHits(ClientType type, LoadSpec.Mode mode, ServerKind kind)
      throws Exception {
    BenchServer server = switch (kind) {
      case MEMCACHED -> memcached;
      case CACHEMAN_EMBEDDED -> serverMinimal;
      default -> canned;
    };
    KeySpace keys = new KeySpace(KEYS);
    Workload workload = new Workload(keys, KeyDistribution.parse("zipf:0.99", KEYS), ValueSizes.parse("100:0.9,2000:0.1"),
        0.8, false);
    LoadSpec load = new LoadSpec(2, mode, 8, Duration.ZERO, Duration.ofSeconds(20), REQUESTS);
    ClientSettings settings = new ClientSettings(2, Duration.ofSeconds(2), 16, 16);

    RunResult r;
    try (ClientAdapter client = type.open(server.addresses(), settings)) {
      Preloader.preload(client, keys, workload.values(), Duration.ofSeconds(10));
      r = new LoadRunner(client, workload, load, ProgressListener.QUIET).run();
    }

    assertNull(r.firstError(), "no request may fail");
    assertEquals(0, r.counts().errors());
    assertEquals(REQUESTS, r.counts().operations(), "the cap is exact and every request completes");
    assertEquals(REQUESTS, r.latency().getTotalCount(), "one latency per request");
    assertEquals(r.counts().gets(), r.counts().hits(), "every key was preloaded, so every get hits");
    assertTrue(r.counts().gets() > REQUESTS / 2 && r.counts().sets() > 0, "about 80% gets, the rest sets");
    assertTrue(r.opsPerSecond() > 0);
    assertTrue(r.cpuNanos() >= 0 && r.cpuMicrosPerOp() >= 0, "the client JVM's CPU was measured: " + r.cpuNanos());
    assertTrue(r.latencyMicros(50) > 0 && r.latencyMicros(99) >= r.latencyMicros(50));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void aMissIsNullAndSetOnMissStoresIt(ClientType type) throws Exception {
    ClientSettings settings = new ClientSettings(1, Duration.ofSeconds(2), 1, 1);
    try (ClientAdapter client = type.open(memcached.addresses(), settings)) {
      String key = "miss:" + type.cliName();
      assertNull(client.get(key));
      assertNull(client.getAsync(key + ":async").toCompletableFuture().get());
      byte[] value = "some value".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      client.set(key, value);
      client.setAsync(key + ":async", value).toCompletableFuture().get();
      org.junit.jupiter.api.Assertions.assertArrayEquals(value, client.get(key));
      org.junit.jupiter.api.Assertions.assertArrayEquals(value, client.getAsync(key + ":async").toCompletableFuture().get());
    }
  }

  static Stream<ClientType> clients() {
    return Stream.of(ClientType.values());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("compressingClients")
  void withACompressionThresholdALargeValueIsStoredCompressedAndReadsBackWhole(ClientType type) throws Exception {
    byte[] value = "a cache value that compresses well, ".repeat(3_000).getBytes(StandardCharsets.US_ASCII);
    String key = "compressed:" + type.cliName();
    try (ClientAdapter client = type.open(memcached.addresses(),
        new ClientSettings(1, Duration.ofSeconds(2), 1, 1, false, 16_384))) {
      client.set(key, value);
      assertArrayEquals(value, client.get(key));
    }
    try (ClientAdapter raw = type.open(memcached.addresses(), new ClientSettings(1, Duration.ofSeconds(2), 1, 1))) {
      int stored = raw.get(key).length;
      assertTrue(stored < value.length / 10, "stored " + stored + " bytes of " + value.length);
    }
  }

  static Stream<ClientType> compressingClients() {
    return Stream.of(ClientType.CACHEMAN, ClientType.SPYMEMCACHED, ClientType.XMEMCACHED);
  }
}
