package io.cacheman.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.AsyncCache;
import io.cacheman.Cache;
import io.cacheman.CacheServerException;
import io.cacheman.CasResult;
import io.cacheman.CasValue;
import io.cacheman.testing.Backend;
import io.cacheman.testing.Clients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Every operation of {@link AsyncCache}, against each kind of real node. */
@ParameterizedClass
@EnumSource(Backend.Kind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AsyncCacheIntegrationTest {
  @Parameter
  Backend.Kind kind;

  private Backend node;
  private Cache<String> client;
  private AsyncCache<String> cache;
  private final String prefix = "ait-" + UUID.randomUUID().toString().substring(0, 8) + "-";

  @BeforeParameterizedClassInvocation
  void start() {
    node = kind.start();
    client = Clients.strings(node::clientSettings, node.address());
    cache = client.async();
  }

  @AfterParameterizedClassInvocation
  void stop() {
    client.close();
    node.close();
  }

  private String key(String name) {
    return prefix + name;
  }

  private static <T> T done(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void setGetAndMiss() throws Exception {
    assertNull(done(cache.get(key("none"))));
    assertTrue(done(cache.set(key("a"), "alpha")));
    assertTrue(done(cache.set(key("b"), "beta", Duration.ofMinutes(1))));
    assertEquals("alpha", done(cache.get(key("a"))));
    assertEquals("beta", done(cache.get(key("b"))));
  }

  @Test
  void callbacksRunOffTheIoThreads() throws Exception {
    done(cache.set(key("cb"), "v"));
    AtomicReference<String> thread = new AtomicReference<>();
    done(cache.get(key("cb")).thenAccept(v -> thread.set(Thread.currentThread().getName())));
    assertFalse(thread.get().contains("-io-"), thread.get());
  }

  @Test
  void manyConcurrentOperationsEachGetTheirOwnValue() throws Exception {
    List<CompletionStage<Boolean>> sets = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      sets.add(cache.set(key("many" + i), "value-of-" + i));
    }
    for (CompletionStage<Boolean> set : sets) {
      assertTrue(done(set));
    }
    List<CompletionStage<String>> gets = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      gets.add(cache.get(key("many" + i)));
    }
    for (int i = 0; i < 500; i++) {
      assertEquals("value-of-" + i, done(gets.get(i)));
    }
  }

  /**
   * A fresh client's first burst goes out in one write; memcached 1.6.18 over TLS reads half of it
   * and waits for more bytes unless the client nudges it.
   */
  @Test
  void aBurstIntoAFreshClientIsAnsweredInFull() throws Exception {
    try (Cache<String> fresh = Clients.strings(node::clientSettings, node.address())) {
      List<CompletionStage<Boolean>> sets = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        sets.add(fresh.async().set(key("burst" + i), "value-of-" + i));
      }
      for (CompletionStage<Boolean> set : sets) {
        assertTrue(done(set));
      }
      assertEquals("value-of-999", done(cache.get(key("burst999"))));
    }
  }

  @Test
  void getMulti() throws Exception {
    done(cache.set(key("m1"), "1"));
    done(cache.set(key("m3"), "3"));
    Map<String, String> found = done(cache.getMulti(List.of(key("m1"), key("m2"), key("m3"))));
    assertEquals(Map.of(key("m1"), "1", key("m3"), "3"), found);
  }

  @Test
  void getsCasAddReplaceAppendPrepend() throws Exception {
    assertTrue(done(cache.add(key("c"), "one", Duration.ZERO)));
    assertFalse(done(cache.add(key("c"), "uno", Duration.ZERO)));
    CasValue<String> read = done(cache.gets(key("c")));
    assertEquals(CasResult.STORED, done(cache.cas(key("c"), read.casUnique(), "two", Duration.ZERO)));
    assertEquals(CasResult.EXISTS, done(cache.cas(key("c"), read.casUnique(), "three", Duration.ZERO)));
    assertTrue(done(cache.replace(key("c"), "mid", Duration.ZERO)));
    assertTrue(done(cache.append(key("c"), ">")));
    assertTrue(done(cache.prepend(key("c"), "<")));
    assertEquals("<mid>", done(cache.get(key("c"))));
    assertFalse(done(cache.replace(key("absent"), "x", Duration.ZERO)));
    assertFalse(done(cache.append(key("absent"), "x")));
    assertFalse(done(cache.prepend(key("absent"), "x")));
    assertNull(done(cache.gets(key("absent"))));
  }

  @Test
  void deleteTouchAndGetAndTouch() throws Exception {
    assertFalse(done(cache.delete(key("d"))));
    assertFalse(done(cache.touch(key("d"), Duration.ofMinutes(1))));
    assertNull(done(cache.getAndTouch(key("d"), Duration.ofMinutes(1))));
    done(cache.set(key("d"), "v"));
    assertTrue(done(cache.touch(key("d"), Duration.ofMinutes(1))));
    assertEquals("v", done(cache.getAndTouch(key("d"), Duration.ofMinutes(2))));
    assertTrue(done(cache.delete(key("d"))));
  }

  @Test
  void counters() throws Exception {
    assertEquals(OptionalLong.empty(), done(cache.incr(key("n"), 1)));
    assertEquals(5L, done(cache.incr(key("n"), 1, 5, Duration.ZERO)));
    assertEquals(OptionalLong.of(8), done(cache.incr(key("n"), 3)));
    assertEquals(OptionalLong.of(6), done(cache.decr(key("n"), 2)));
    assertEquals(9L, done(cache.decr(key("dn"), 1, 9, Duration.ZERO)));
    assertEquals(8L, done(cache.decr(key("dn"), 1, 9, Duration.ZERO)));
    assertEquals(OptionalLong.empty(), done(cache.decr(key("nothing"), 1)));
  }

  @Test
  void failuresArriveThroughTheFutureNeverAsThrows() throws Exception {
    ExecutionException bad = assertThrows(ExecutionException.class, () -> done(cache.get("bad key")));
    assertInstanceOf(IllegalArgumentException.class, bad.getCause());
    assertInstanceOf(IllegalArgumentException.class,
        assertThrows(ExecutionException.class, () -> done(cache.set(key("x"), null))).getCause());
    done(cache.set(key("text"), "abc"));
    assertInstanceOf(CacheServerException.class,
        assertThrows(ExecutionException.class, () -> done(cache.incr(key("text"), 1))).getCause());
  }

  @Test
  void getOrLoadAndFlush() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    assertEquals("L", done(cache.getOrLoad(key("gol"), Duration.ofMinutes(1), k -> {
      calls.incrementAndGet();
      return CompletableFuture.completedFuture("L");
    })));
    assertEquals("L", done(cache.getOrLoad(key("gol"), Duration.ofMinutes(1),
        k -> CompletableFuture.completedFuture("other"))));
    assertEquals(1, calls.get());
    done(cache.flushAll());
    assertNull(done(cache.get(key("gol"))));
  }

  @Test
  void viewsShareOneEngine() throws Exception {
    done(cache.set(key("view"), "v"));
    assertEquals("v", cache.sync().get(key("view")));
    AsyncCache<byte[]> bytes = cache.withTranscoder(io.cacheman.Transcoders.bytes());
    org.junit.jupiter.api.Assertions.assertArrayEquals("v".getBytes(java.nio.charset.StandardCharsets.UTF_8),
        done(bytes.get(key("view"))));
    assertEquals(cache.admin().stats().total().operations(), cache.sync().admin().stats().total().operations());
  }

  @Test
  void stagesAreCompletedByTheClientAloneAndTheirCopiesAreTheCallers() throws Exception {
    done(cache.set(key("ro"), "real"));
    CompletionStage<String> stage = cache.get(key("ro"));
    CompletableFuture<String> mine = stage.toCompletableFuture();
    mine.complete("forged");
    assertEquals("real", done(stage), "completing the copy leaves the client's stage alone");
    assertThrows(UnsupportedOperationException.class, () -> ((CompletableFuture<String>) stage).complete("forged"));
  }

  @Test
  void closingAViewLeavesTheClientOpen() throws Exception {
    cache.withTranscoder(io.cacheman.Transcoders.bytes()).close();
    cache.sync().close();
    cache.close();
    assertTrue(cache.admin().isOpen());
    assertTrue(done(cache.set(key("still"), "open")));
  }
}
