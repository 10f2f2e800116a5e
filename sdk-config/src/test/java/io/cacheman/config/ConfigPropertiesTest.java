package io.cacheman.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cacheman.config.internal.KeyCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/** Properties over generated configs and generated garbage. */
class ConfigPropertiesTest {

  @Property(tries = 300)
  void anyValidConfigWrittenOutParsesBackEqual(@ForAll("configs") CachemanConfig config) {
    String text = KeyCatalog.toProperties(config);
    assertEquals(config, ConfigLoader.parse(text, "generated"), text);
  }

  @Property(tries = 2000)
  void arbitraryTextFailsOnlyWithConfigException(@ForAll @StringLength(max = 200) String text) {
    parseExpectingOnlyConfigException(text);
  }

  @Property(tries = 2000)
  void mangledValidFilesFailOnlyWithConfigException(
      @ForAll("configs") CachemanConfig config, @ForAll("edits") List<Edit> edits) {
    StringBuilder text = new StringBuilder(KeyCatalog.toProperties(config));
    for (Edit edit : edits) {
      edit.applyTo(text);
    }
    parseExpectingOnlyConfigException(text.toString());
  }

  private static void parseExpectingOnlyConfigException(String text) {
    try {
      ConfigLoader.parse(text, "fuzz");
    } catch (ConfigException expected) {
      // the one failure a caller has to handle; its message must still name the source
      assertEquals("fuzz", expected.source());
    }
  }

  /** Replaces one character of the text, at a position taken modulo its length. */
  record Edit(int position, char replacement) {
    void applyTo(StringBuilder text) {
      if (text.length() > 0) {
        text.setCharAt(Math.floorMod(position, text.length()), replacement);
      }
    }
  }

  @Provide
  Arbitrary<List<Edit>> edits() {
    Arbitrary<Character> chars = Arbitraries.of(' ', '=', ':', '\\', '\n', '#', ',', '[', ']', '-', '0', 'x', 'u', '.');
    return Combinators.combine(Arbitraries.integers().between(0, 10_000), chars).as(Edit::new).list().ofMaxSize(4);
  }

  @Provide
  Arbitrary<CachemanConfig> configs() {
    Arbitrary<Duration> positive = Arbitraries.longs().between(1, 3_600_000).map(Duration::ofMillis);
    Arbitrary<Duration> nanos = Arbitraries.longs().between(1, 10_000_000_000L).map(Duration::ofNanos);
    Arbitrary<Duration> anyPositive = Arbitraries.oneOf(positive, nanos);
    Arbitrary<Duration> connectTimeouts = Arbitraries.longs().between(1, 600_000).map(Duration::ofMillis);
    Arbitrary<Duration> backoffs = Arbitraries.longs().between(1, 1_200_000).map(Duration::ofMillis);
    Arbitrary<CachemanConfig.Builder> base = Combinators.combine(
        nodeLists(), Arbitraries.of(Hashing.class), Arbitraries.of(KetamaNodeNames.class),
        Arbitraries.integers().between(1, 64), connectTimeouts, anyPositive, Arbitraries.integers().between(1, 100_000),
        Arbitraries.of(FailoverMode.class))
        .as((nodes, hashing, names, conns, connect, op, inFlight, mode) -> CachemanConfig.builder()
            .nodes(nodes).hashing(hashing).ketamaNodeNames(names).connectionsPerNode(conns)
            .connectTimeout(connect).operationTimeout(op).maxInFlightPerConnection(inFlight).failoverMode(mode));
    return Combinators.combine(base, Arbitraries.integers().between(1, 100), anyPositive,
        Arbitraries.integers().between(0, 10), backoffs, Arbitraries.integers().between(0, 1 << 24),
        Arbitraries.of(LongKeyPolicy.class), Arbitraries.of("java.base/*;!*", "com.example.**;java.base/*;!*",
            "maxdepth=20;java.util.*;!*"))
        .as((b, threshold, retryInterval, attempts, backoff, compression, longKeys, filter) -> b
            .failureThreshold(threshold).retryInterval(retryInterval).retryAttempts(attempts)
            .reconnectBackoff(backoff, backoff.multipliedBy(3)).compressionThreshold(compression)
            .longKeys(longKeys).serializationFilter(filter))
        .flatMap(b -> Combinators.combine(Arbitraries.longs().between(0, 30L * 86_400),
            Arbitraries.integers().between(1024, 1 << 30), Arbitraries.of(OnReturn.class),
            Arbitraries.integers().between(0, 10_000_000))
            .as((ttl, maxValue, onReturn, logSize) -> b.defaultTtl(Duration.ofSeconds(ttl)).maxValueSize(maxValue)
                .onReturn(onReturn).returnLogSize(logSize).build()));
  }

  private static Arbitrary<List<NodeAddress>> nodeLists() {
    Arbitrary<String> hosts = Arbitraries.oneOf(
        Arbitraries.strings().withCharRange('a', 'z').withChars('-', '.', '_').ofMinLength(1).ofMaxLength(20),
        Arbitraries.integers().between(0, 255).list().ofSize(4).map(o -> o.get(0) + "." + o.get(1) + "." + o.get(2) + "." + o.get(3)),
        Arbitraries.of("::1", "fe80::1%eth0", "2001:db8::17", "::ffff:10.0.0.1"));
    Arbitrary<NodeAddress> nodes = Combinators.combine(hosts, Arbitraries.integers().between(1, 65535),
        Arbitraries.integers().between(1, 1000)).as(NodeAddress::of);
    return nodes.list().ofMinSize(1).ofMaxSize(12).uniqueElements(NodeAddress::id).map(ArrayList::new);
  }
}
