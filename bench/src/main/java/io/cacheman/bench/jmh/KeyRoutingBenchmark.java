package io.cacheman.bench.jmh;

import io.cacheman.config.KetamaNodeNames;
import io.cacheman.config.NodeAddress;
import io.cacheman.internal.routing.KetamaContinuum;
import io.cacheman.internal.routing.ModuloLocator;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import net.spy.memcached.ArrayModNodeLocator;
import net.spy.memcached.DefaultHashAlgorithm;
import net.spy.memcached.KetamaNodeKeyFormatter;
import net.spy.memcached.KetamaNodeLocator;
import net.spy.memcached.MemcachedNode;
import net.spy.memcached.NodeLocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Key to node, the first step of every request: FNV-1a modulo and the ketama continuum on 10 and
 * 100 nodes, Cacheman's locators against spymemcached's (whose ketama with libmemcached ring names
 * places keys where ours does). Both start from the key as a {@code String}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KeyRoutingBenchmark {
  private static final int KEYS = 4096;

  @Param({"cacheman-modulo", "spymemcached-modulo", "cacheman-ketama", "spymemcached-ketama"})
  public String locator;

  @Param({"10", "100"})
  public int nodes;

  private final String[] keys = new String[KEYS];
  private Function<String, Object> route;
  private int next;

  /** Builds the inputs once per trial, outside the measured code. */
  @Setup
  public void setUp() {
    for (int i = 0; i < KEYS; i++) {
      keys[i] = "user:" + (i * 7919L) + ":profile";
    }
    List<InetSocketAddress> addresses = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      addresses.add(InetSocketAddress.createUnresolved("10.0.0." + (i + 1), 11211 + i));
    }
    List<NodeAddress> configured = addresses.stream()
        .map(a -> NodeAddress.of(a.getHostString(), a.getPort())).toList();
    route = switch (locator) {
      case "cacheman-modulo" -> cacheman(new ModuloLocator(nodes));
      case "cacheman-ketama" -> cacheman(KetamaContinuum.build(configured, KetamaNodeNames.LIBMEMCACHED));
      case "spymemcached-modulo" -> spymemcached(new ArrayModNodeLocator(spyNodes(addresses),
          DefaultHashAlgorithm.FNV1A_32_HASH));
      case "spymemcached-ketama" -> spymemcached(new KetamaNodeLocator(spyNodes(addresses),
          DefaultHashAlgorithm.KETAMA_HASH, KetamaNodeKeyFormatter.Format.LIBMEMCACHED, Map.of()));
      default -> throw new IllegalArgumentException("unknown locator " + locator);
    };
  }

  /** The node of the next key. */
  @Benchmark
  public Object route() {
    return route.apply(keys[next++ & (KEYS - 1)]);
  }

  /** Ours takes the key's UTF-8 bytes; encoding them is counted, as spymemcached encodes inside. */
  private static Function<String, Object> cacheman(io.cacheman.internal.routing.NodeLocator locator) {
    return key -> locator.primary(key.getBytes(StandardCharsets.UTF_8));
  }

  private static Function<String, Object> spymemcached(NodeLocator locator) {
    return locator::getPrimary;
  }

  /**
   * spymemcached's locators only ask a node for its address, so a stand-in that knows nothing
   * else is enough; building real nodes would need sockets.
   */
  private static List<MemcachedNode> spyNodes(List<InetSocketAddress> addresses) {
    List<MemcachedNode> nodes = new ArrayList<>();
    for (InetSocketAddress address : addresses) {
      nodes.add((MemcachedNode) Proxy.newProxyInstance(MemcachedNode.class.getClassLoader(),
          new Class<?>[] {MemcachedNode.class}, (proxy, method, args) -> switch (method.getName()) {
            case "getSocketAddress" -> address;
            case "hashCode" -> address.hashCode();
            case "equals" -> proxy == args[0];
            case "toString" -> address.toString();
            default -> throw new UnsupportedOperationException(method.getName());
          }));
    }
    return nodes;
  }
}
