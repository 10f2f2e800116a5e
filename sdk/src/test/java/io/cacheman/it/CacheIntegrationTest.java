package io.cacheman.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.Cache;
import io.cacheman.CacheServerException;
import io.cacheman.CachedData;
import io.cacheman.CasResult;
import io.cacheman.CasValue;
import io.cacheman.Transcoder;
import io.cacheman.testing.Backend;
import io.cacheman.testing.Clients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Every operation of the blocking {@link Cache}, against each kind of real node. */
@ParameterizedClass
@EnumSource(Backend.Kind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CacheIntegrationTest {
  @Parameter
  Backend.Kind kind;

  private Backend node;
  private Cache<String> cache;
  private final String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + "-";

  @BeforeParameterizedClassInvocation
  void start() {
    node = kind.start();
    cache = Clients.strings(node::clientSettings, node.address());
  }

  @AfterParameterizedClassInvocation
  void stop() {
    cache.close();
    node.close();
  }

  private String key(String name) {
    return prefix + name;
  }

  @Test
  void setThenGetAndMiss() {
    assertNull(cache.get(key("absent")));
    assertTrue(cache.set(key("a"), "alpha"));
    assertEquals("alpha", cache.get(key("a")));
    assertTrue(cache.set(key("a"), "again", Duration.ofMinutes(1)));
    assertEquals("again", cache.get(key("a")));
  }

  @Test
  void valuesAreBinarySafeAndLarge() {
    Cache<byte[]> bytes = cache.withTranscoder(new Transcoder<>() {
      @Override
      public CachedData encode(byte[] value) {
        return new CachedData(7, value);
      }

      @Override
      public byte[] decode(CachedData data) {
        return data.data();
      }
    });
    byte[] value = new byte[500_000];
    for (int i = 0; i < value.length; i++) {
      value[i] = (byte) (i * 31);
    }
    value[10] = '\r';
    value[11] = '\n';
    assertTrue(bytes.set(key("bin"), value));
    assertArrayEquals(value, bytes.get(key("bin")));
    assertTrue(bytes.set(key("empty"), new byte[0]));
    assertArrayEquals(new byte[0], bytes.get(key("empty")));
  }

  @Test
  void ttlExpiresTheValue() {
    assertTrue(cache.set(key("ttl"), "short", Duration.ofMillis(10)));
    await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(100)).until(() -> cache.get(key("ttl")) == null);
  }

  @Test
  void getMultiReturnsOnlyPresentKeysAndChunksLongLists() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      keys.add(key("m" + i));
      if (i % 2 == 0) {
        cache.set(key("m" + i), "v" + i);
      }
    }
    keys.add(key("m0")); // duplicates are asked once
    long requestsBefore = cache.admin().stats().total().operations();
    Map<String, String> found = cache.getMulti(keys);
    assertEquals(300, found.size());
    assertEquals("v0", found.get(key("m0")));
    assertEquals("v598", found.get(key("m598")));
    assertFalse(found.containsKey(key("m1")));
    assertEquals(3, cache.admin().stats().total().operations() - requestsBefore,
        "600 keys go out as 3 get lines of at most 255 keys");
    assertEquals(Map.of(), cache.getMulti(List.of()));
  }

  @Test
  void getsAndCas() {
    assertNull(cache.gets(key("c")));
    cache.set(key("c"), "one");
    CasValue<String> read = cache.gets(key("c"));
    assertEquals("one", read.value());
    assertEquals(CasResult.STORED, cache.cas(key("c"), read.casUnique(), "two", Duration.ZERO));
    assertEquals("two", cache.get(key("c")));
    assertEquals(CasResult.EXISTS, cache.cas(key("c"), read.casUnique(), "three", Duration.ZERO));
    assertNotEquals(read.casUnique(), cache.gets(key("c")).casUnique());
    cache.delete(key("c"));
    assertEquals(CasResult.NOT_FOUND, cache.cas(key("c"), read.casUnique(), "four", Duration.ZERO));
  }

  @Test
  void addAndReplaceAreConditional() {
    assertFalse(cache.replace(key("r"), "x", Duration.ZERO));
    assertTrue(cache.add(key("r"), "first", Duration.ZERO));
    assertFalse(cache.add(key("r"), "second", Duration.ZERO));
    assertTrue(cache.replace(key("r"), "third", Duration.ZERO));
    assertEquals("third", cache.get(key("r")));
  }

  @Test
  void appendAndPrepend() {
    assertFalse(cache.append(key("ap"), "x"));
    assertFalse(cache.prepend(key("ap"), "x"));
    cache.set(key("ap"), "mid");
    assertTrue(cache.append(key("ap"), ">"));
    assertTrue(cache.prepend(key("ap"), "<"));
    assertEquals("<mid>", cache.get(key("ap")));
  }

  @Test
  void delete() {
    assertFalse(cache.delete(key("d")));
    cache.set(key("d"), "x");
    assertTrue(cache.delete(key("d")));
    assertNull(cache.get(key("d")));
  }

  @Test
  void incrAndDecr() {
    assertEquals(OptionalLong.empty(), cache.incr(key("n"), 1));
    assertEquals(OptionalLong.empty(), cache.decr(key("n"), 1));
    cache.set(key("n"), "10");
    assertEquals(OptionalLong.of(15), cache.incr(key("n"), 5));
    assertEquals(OptionalLong.of(12), cache.decr(key("n"), 3));
    assertEquals(OptionalLong.of(0), cache.decr(key("n"), 100)); // decr stops at 0
    cache.set(key("max"), "18446744073709551615");
    assertEquals(OptionalLong.of(0), cache.incr(key("max"), 1)); // incr wraps at 2^64
    cache.set(key("big"), "18446744073709551614");
    assertEquals("18446744073709551615", Long.toUnsignedString(cache.incr(key("big"), 1).getAsLong()));
    assertThrows(IllegalArgumentException.class, () -> cache.incr(key("n"), -1));
  }

  @Test
  void incrWithInitialValueCreatesTheCounter() {
    assertEquals(100, cache.incr(key("ctr"), 5, 100, Duration.ofMinutes(1)));
    assertEquals(105, cache.incr(key("ctr"), 5, 100, Duration.ofMinutes(1)));
    assertEquals(7, cache.decr(key("dctr"), 5, 7, Duration.ZERO));
    assertEquals(2, cache.decr(key("dctr"), 5, 7, Duration.ZERO));
  }

  @Test
  void nonNumericIncrIsAServerError() {
    cache.set(key("text"), "hello");
    CacheServerException e = assertThrows(CacheServerException.class, () -> cache.incr(key("text"), 1));
    assertTrue(e.getMessage().contains("CLIENT_ERROR"), e.getMessage());
    assertEquals("hello", cache.get(key("text"))); // the connection is still in step
  }

  @Test
  void touchAndGetAndTouch() {
    assertFalse(cache.touch(key("t"), Duration.ofMinutes(1)));
    assertNull(cache.getAndTouch(key("t"), Duration.ofMinutes(1)));
    cache.set(key("t"), "v", Duration.ofSeconds(1));
    assertTrue(cache.touch(key("t"), Duration.ofMinutes(10)));
    assertEquals("v", cache.getAndTouch(key("t"), Duration.ofMinutes(10)));
  }

  @Test
  void tooLargeValueIsAServerErrorAndTheConnectionStaysUsable() {
    String big = "x".repeat(2 * 1024 * 1024);
    CacheServerException e = assertThrows(CacheServerException.class, () -> cache.set(key("big"), big));
    assertTrue(e.getMessage().contains("SERVER_ERROR"), e.getMessage());
    assertTrue(cache.set(key("after"), "fine"));
    assertEquals("fine", cache.get(key("after")));
  }

  @Test
  void invalidKeysFailBeforeAnyIo() {
    long before = cache.admin().stats().total().operations();
    for (String bad : Arrays.asList("", "has space", "new\nline", "x".repeat(251), "tab\t", null)) {
      assertThrows(IllegalArgumentException.class, () -> cache.get(bad), String.valueOf(bad));
      assertThrows(IllegalArgumentException.class, () -> cache.set(bad, "v"), String.valueOf(bad));
    }
    assertThrows(IllegalArgumentException.class, () -> cache.getMulti(List.of(key("ok"), "bad key")));
    assertThrows(IllegalArgumentException.class, () -> cache.set(key("neg"), "v", Duration.ofSeconds(-1)));
    assertEquals(before, cache.admin().stats().total().operations());
  }

  @Test
  void getOrLoadLoadsOnceThenReads() {
    AtomicInteger calls = new AtomicInteger();
    assertEquals("loaded", cache.getOrLoad(key("gol"), Duration.ofMinutes(1), k -> {
      calls.incrementAndGet();
      return "loaded";
    }));
    assertEquals("loaded", cache.getOrLoad(key("gol"), Duration.ofMinutes(1), k -> "other"));
    assertEquals(1, calls.get());
    assertNull(cache.getOrLoad(key("nothing"), Duration.ofMinutes(1), k -> null));
    assertNull(cache.get(key("nothing")));
  }

  @Test
  void statsCountHitsAndMisses() {
    long hits = cache.admin().stats().total().hits();
    long misses = cache.admin().stats().total().misses();
    cache.set(key("s"), "v");
    cache.get(key("s"));
    cache.get(key("s-miss"));
    var total = cache.admin().stats().total();
    assertEquals(hits + 1, total.hits());
    assertEquals(misses + 1, total.misses());
    assertTrue(total.latencyMax().compareTo(Duration.ZERO) > 0);
    assertEquals(0, total.inFlight());
  }

  @Test
  void flushAllEmptiesTheNode() {
    cache.set(key("f1"), "1");
    cache.set(key("f2"), "2");
    cache.flushAll();
    assertNull(cache.get(key("f1")));
    assertNull(cache.get(key("f2")));
  }
}
