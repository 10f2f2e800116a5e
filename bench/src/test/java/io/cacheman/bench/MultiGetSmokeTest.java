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
import io.cacheman.bench.server.ServerGroup;
import io.cacheman.bench.server.ServerKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every client's multi-get (Cacheman in text and meta) against three memcached nodes, with calls
 * wider than Cacheman's 100-key lines: each call's map holds exactly the keys that were stored,
 * so a client that drops keys, or answers keys it was not asked for, fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiGetSmokeTest {
  private static final int KEYS = 2_000;
  private static final int WIDTH = 250;
  private static final long CALLS = 60;

  private BenchServer nodes;

  @BeforeAll
  void startNodes() throws Exception {
    nodes = ServerGroup.start(TestServers.spec(ServerKind.MEMCACHED), 3);
  }

  @AfterAll
  void stopNodes() {
    nodes.close();
  }

  Stream<Arguments> clientsAndModes() {
    List<Arguments> all = new ArrayList<>();
    for (LoadSpec.Mode mode : LoadSpec.Mode.values()) {
      for (ClientType client : ClientType.values()) {
        all.add(Arguments.of(client, false, mode));
      }
      all.add(Arguments.of(ClientType.CACHEMAN, true, mode));
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} meta={1} {2}")
  @MethodSource("clientsAndModes")
  void everyCallOfAMultiGetLoadReturnsExactlyTheKeysAskedFor(ClientType type, boolean meta, LoadSpec.Mode mode)
      throws Exception {
    KeySpace keys = new KeySpace(KEYS);
    Workload workload = new Workload(keys, KeyDistribution.parse("zipf:0.99", KEYS), ValueSizes.parse("100"), 0.9,
        false, WIDTH);
    LoadSpec load = new LoadSpec(2, mode, 4, Duration.ZERO, Duration.ofSeconds(30), CALLS);
    RunResult r;
    List<String> wrong;
    try (Checking client = new Checking(type.open(nodes.addresses(), settings(meta)))) {
      Preloader.preload(client, keys, workload.values(), Duration.ofSeconds(10));
      r = new LoadRunner(client, workload, load, ProgressListener.QUIET).run();
      wrong = List.copyOf(client.wrong);
    }

    assertEquals(List.of(), wrong, "every map holds exactly the keys asked for (all were stored)");
    assertNull(r.firstError(), "no call may fail");
    assertEquals(CALLS, r.counts().operations(), "the cap is exact and every call completes");
    assertEquals(CALLS, r.latency().getTotalCount(), "one latency per call, a multi-get included");
    assertTrue(r.counts().gets() > 0 && r.counts().sets() > 0, "multi-gets and sets: " + r.counts());
    assertEquals(r.counts().gets() * WIDTH, r.counts().getKeys(), "each get asked for " + WIDTH + " distinct keys");
    assertEquals(r.counts().getKeys(), r.counts().hits(), "every key was stored, so every key is found");
    assertEquals(r.counts().getKeys() + r.counts().sets(), r.counts().keys());
    assertTrue(r.keysPerSecond() > r.opsPerSecond() && r.cpuMicrosPerKey() < r.cpuMicrosPerOp());
  }

  @ParameterizedTest(name = "{0} meta={1} {2}")
  @MethodSource("clientsAndModes")
  void aMultiGetFindsTheStoredKeysAndLeavesOutTheMisses(ClientType type, boolean meta, LoadSpec.Mode mode)
      throws Exception {
    String prefix = "mg:" + type.cliName() + (meta ? "-meta:" : ":") + mode + ":";
    List<String> asked = new ArrayList<>();
    Set<String> stored = new HashSet<>();
    try (ClientAdapter client = type.open(nodes.addresses(), settings(meta))) {
      for (int i = 0; i < 1_000; i++) {
        String key = prefix + i;
        asked.add(key);
        if (i % 3 != 0) {
          client.set(key, value(key));
          stored.add(key);
        }
      }
      Map<String, byte[]> found = mode == LoadSpec.Mode.SYNC ? client.getMulti(asked)
          : client.getMultiAsync(asked).toCompletableFuture().get();
      assertEquals(stored, found.keySet(), "the stored two thirds, none of the misses");
      found.forEach((key, v) -> assertArrayEquals(value(key), v, key));
    }
  }

  private static ClientSettings settings(boolean meta) {
    return new ClientSettings(2, Duration.ofSeconds(5), 8, 8, meta);
  }

  private static byte[] value(String key) {
    return ("value of " + key).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** Passes every call through and notes each multi-get whose keys are not exactly those asked for. */
  private static final class Checking implements ClientAdapter {
    final ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
    private final ClientAdapter delegate;

    Checking(ClientAdapter delegate) {
      this.delegate = delegate;
    }

    private Map<String, byte[]> check(List<String> asked, Map<String, byte[]> found) {
      if (!found.keySet().equals(new HashSet<>(asked))) {
        Set<String> missing = new HashSet<>(asked);
        missing.removeAll(found.keySet());
        Set<String> extra = new HashSet<>(found.keySet());
        asked.forEach(extra::remove);
        wrong.add(asked.size() + " asked: " + missing.size() + " missing, " + extra.size() + " not asked for");
      }
      return found;
    }

    @Override
    public byte[] get(String key) throws Exception {
      return delegate.get(key);
    }

    @Override
    public void set(String key, byte[] value) throws Exception {
      delegate.set(key, value);
    }

    @Override
    public CompletionStage<byte[]> getAsync(String key) {
      return delegate.getAsync(key);
    }

    @Override
    public CompletionStage<Void> setAsync(String key, byte[] value) {
      return delegate.setAsync(key, value);
    }

    @Override
    public Map<String, byte[]> getMulti(List<String> keys) throws Exception {
      return check(keys, delegate.getMulti(keys));
    }

    @Override
    public CompletionStage<Map<String, byte[]>> getMultiAsync(List<String> keys) {
      return delegate.getMultiAsync(keys).thenApply(found -> check(keys, found));
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
