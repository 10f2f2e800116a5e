package io.cacheman.samples;

import io.cacheman.Cache;
import io.cacheman.Cacheman;
import io.cacheman.ClientStats;
import io.cacheman.NodeStats;
import io.cacheman.config.CachemanConfig;
import io.cacheman.config.ConfigLoader;
import io.cacheman.config.Hashing;
import io.cacheman.config.NodeAddress;
import io.cacheman.config.Protocol;
import io.cacheman.samples.stampede.Stampede;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Quick-start demo: starts a three-node cluster inside this JVM, then walks through what the
 * client does — routing, multi-get, cache-aside, ketama vs modulo, failover — and prints per-node
 * stats. Exits by itself and leaves nothing running.
 */
public final class Demo {
  static final String CLUSTER_SETTINGS = "demo-cluster.properties";

  private final PrintStream out;

  Demo(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    new Demo(System.out).run(clusterConfig());
  }

  /** The demo cluster's settings: {@value #CLUSTER_SETTINGS} in this module's resources. */
  static CachemanConfig clusterConfig() throws IOException {
    try (InputStream in = Demo.class.getResourceAsStream("/" + CLUSTER_SETTINGS)) {
      if (in == null) {
        throw new IllegalStateException(CLUSTER_SETTINGS + " is missing from the class path");
      }
      return ConfigLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + CLUSTER_SETTINGS);
    }
  }

  void run(CachemanConfig config) throws Exception {
    heading("Starting a local cluster of " + config.nodes().size() + " server-minimal nodes: " + config.nodes());
    try (LocalCluster cluster = LocalCluster.start(config.nodes());
        Cache<Object> cache = Cacheman.open(config)) {
      // Opening never blocks on the network; waiting once here means the first calls find the
      // client connected even on a busy machine.
      if (!cache.admin().awaitConnected(Duration.ofSeconds(10))) {
        out.println("  (still connecting after 10 s: the machine is very busy; going on)");
      }
      setAndGet(cache);
      multiGet(cache);
      cacheAside(config);
      keyMovement(config);
      failover(cache, cluster);
      stampede(config.nodes());
      stats(cache.admin().stats());
    }
    heading("Done: cluster stopped.");
  }

  /** Three application processes miss one key at once: how many times does the database get asked? */
  private void stampede(List<NodeAddress> nodes) throws IOException, InterruptedException {
    heading("Stampede: 3 client processes x 20 threads miss one key at the same moment (loader: 200 ms)");
    for (Protocol protocol : List.of(Protocol.TEXT, Protocol.META)) {
      Stampede.Outcome outcome = Stampede.run(nodes, protocol, "hot:" + protocol.name().toLowerCase() + ":"
          + System.nanoTime(), 3, 20, Duration.ofMillis(200), false);
      out.printf("  cacheman.protocol = %-4s -> loader ran %d time(s); %d of 60 callers got the value%s%n",
          protocol.name().toLowerCase(), outcome.loads(), outcome.values(),
          protocol == Protocol.META ? " (memcached's lease: one loader in the whole fleet)" : " (once per process)");
    }
  }

  private void setAndGet(Cache<Object> cache) {
    heading("set / get, and the node each key lives on");
    for (String key : List.of("user:1", "user:2", "cart:7", "session:abc", "config:flags")) {
      cache.set(key, "value of " + key, Duration.ofMinutes(10));
      out.printf("  %-14s -> %-22s on %s%n", key, cache.get(key), cache.admin().nodeFor(key));
    }
  }

  private void multiGet(Cache<Object> cache) {
    heading("getMulti: one request per node, sent in parallel");
    List<String> keys = List.of("user:1", "user:2", "cart:7", "no-such-key");
    Map<String, Object> found = cache.getMulti(keys);
    out.println("  asked for " + keys);
    out.println("  found " + found.size() + ": " + found.keySet() + " (misses are simply absent)");
  }

  /**
   * On a client of its own: the callers that wait for the 200 ms query give up at their deadline,
   * and the demo cluster's 250 ms operation timeout (short, so that failover shows quickly) leaves
   * no room for that on a busy machine.
   */
  private void cacheAside(CachemanConfig config) throws Exception {
    heading("getOrLoad: 20 threads miss the same key at once");
    try (Cache<Object> cache = Cacheman.open(config.toBuilder().operationTimeout(Duration.ofSeconds(5)).build())) {
      int calls = CacheAsideSample.run(cache, out);
      out.println("  -> the slow database was called " + calls + " time(s), not 20");
    }
  }

  private void keyMovement(CachemanConfig config) {
    heading("Adding a fourth node: how many of 10,000 keys move?");
    try (LocalCluster extra = LocalCluster.startOnFreePorts(1)) {
      List<NodeAddress> four = new ArrayList<>(config.nodes());
      four.add(extra.nodes().get(0));
      for (Hashing hashing : Hashing.values()) {
        CachemanConfig before = config.toBuilder().hashing(hashing).build();
        CachemanConfig after = before.toBuilder().nodes(four).build();
        int moved = 0;
        try (Cache<Object> three = Cacheman.open(before); Cache<Object> fourNodes = Cacheman.open(after)) {
          for (int i = 0; i < 10_000; i++) {
            String key = "item:" + i;
            if (!three.admin().nodeFor(key).equals(fourNodes.admin().nodeFor(key))) {
              moved++;
            }
          }
        }
        out.printf("  %-7s %5d keys moved (%.1f%%)%n", hashing.name().toLowerCase(), moved, moved / 100.0);
      }
      out.println("  ketama moves about 1/4 of the keys (only those the new node takes over);");
      out.println("  modulo moves about 3/4, because almost every key's hash mod N changes.");
    }
  }

  private void failover(Cache<Object> cache, LocalCluster cluster) {
    NodeAddress victim = cluster.nodes().get(1);
    heading("Failover: steady traffic; " + victim.id() + " is stopped at t=2s and restarted at t=5s");
    FailoverSample.Outcome outcome = FailoverSample.run(cache, out, 8, second -> {
      if (second == 2) {
        cluster.stop(1);
        out.println("  -- stopped " + victim.id());
      } else if (second == 5) {
        cluster.restart(1);
        out.println("  -- restarted " + victim.id() + " (empty)");
      }
    });
    NodeStats node = cache.admin().stats().node(victim.id());
    out.printf("  %d operations succeeded, %d failed while the node was down; its breaker changed state %d times%n",
        outcome.succeeded(), outcome.failed(), node.breakerTransitions());
    out.println("  while it was out, its keys went to the next live node (failover.mode = redistribute).");
  }

  private void stats(ClientStats stats) {
    heading("Per-node stats");
    out.printf("  %-18s %-8s %8s %8s %8s %7s %8s %10s%n",
        "node", "state", "ops", "hits", "misses", "errors", "timeouts", "p99");
    for (NodeStats n : stats.nodes()) {
      row(n);
    }
    row(stats.total());
  }

  private void row(NodeStats n) {
    out.printf("  %-18s %-8s %8d %8d %8d %7d %8d %8dµs%n", n.node(), n.state(), n.operations(), n.hits(),
        n.misses(), n.errors(), n.timeouts(), n.latencyP99().toNanos() / 1000);
  }

  private void heading(String text) {
    out.println();
    out.println("== " + text);
  }
}
