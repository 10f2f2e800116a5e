package io.cacheman.reliability.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.cacheman.Cache;
import io.cacheman.CacheTimeoutException;
import io.cacheman.Cacheman;
import io.cacheman.Transcoders;
import io.cacheman.reliability.proxy.Direction;
import io.cacheman.reliability.proxy.Toxic;
import io.cacheman.reliability.testing.Expect;
import io.cacheman.reliability.workload.SchedulingNoise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RELIABILITY §B 18 for {@code getOrLoad}: callers that wait for another caller's load of the same
 * key give up at their own deadline with {@link CacheTimeoutException}, blocking and async alike,
 * also when the node is slow (their first read then spends part of the deadline); the leader's load
 * goes on and is the only one.
 */
class GetOrLoadWaitersTest {
  private static final int WAITERS = 4;

  /** @param latencyMillis added to every reply of the node: 0, and two thirds of the timeout */
  @ParameterizedTest(name = "node latency {0} ms")
  @ValueSource(ints = {0, 200})
  void waitersGiveUpAtTheirDeadlineWhileTheLeaderLoads(int latencyMillis) throws Exception {
    // Threads of its own: the common pool has one thread on a 2-core machine, which the leader would block.
    ExecutorService callers = Executors.newFixedThreadPool(WAITERS + 1, r -> {
      Thread t = new Thread(r, "get-or-load-caller");
      t.setDaemon(true);
      return t;
    });
    try (LocalNodes nodes = LocalNodes.start(1);
        SchedulingNoise noise = SchedulingNoise.start();
        Cache<String> cache = Cacheman.builder().config(nodes.config().failureThreshold(1_000).build())
            .transcoder(Transcoders.string()).build()) {
      nodes.proxy(0).everywhere(Direction.DOWNSTREAM, Toxic.latency(Duration.ofMillis(latencyMillis)));
      CountDownLatch loading = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      AtomicInteger loads = new AtomicInteger();
      Function<String, String> slowLoader = k -> {
        loads.incrementAndGet();
        loading.countDown();
        try {
          release.await(10, TimeUnit.SECONDS); // held until every waiter has given up
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return "loaded";
      };
      CompletableFuture<String> leader = CompletableFuture.supplyAsync(() -> cache.getOrLoad("k", Duration.ZERO,
          slowLoader), callers);
      Observe.until("the leader to start loading", System.nanoTime(), Duration.ofSeconds(5),
          () -> loading.getCount() == 0);
      List<CompletableFuture<Duration>> waiters = new ArrayList<>();
      for (int i = 0; i < WAITERS; i++) {
        boolean async = i % 2 == 1;
        waiters.add(CompletableFuture.supplyAsync(() -> waitAsFollower(cache, async, slowLoader), callers));
      }
      List<Long> took = new ArrayList<>();
      for (CompletableFuture<Duration> w : waiters) {
        took.add(w.get(10, TimeUnit.SECONDS).toMillis());
      }
      release.countDown();
      assertEquals("loaded", leader.get(10, TimeUnit.SECONDS));
      Observe.figures("B18 getOrLoad", "node latency " + latencyMillis + " ms: " + WAITERS + " waiters gave up after "
          + took + " ms (timeout " + LocalNodes.OP_TIMEOUT.toMillis() + " ms); loads " + loads.get()
          + "; worst scheduling lateness " + noise.worstLateness().toMillis() + " ms");
      for (long ms : took) {
        Expect.atMost("a waiter's call (ms)", ms,
            LocalNodes.OP_TIMEOUT.plusMillis(50).plus(noise.allowance()).toMillis());
      }
      assertEquals(1, loads.get(), "the waiters must not load themselves");
    } finally {
      callers.shutdownNow();
    }
  }

  /** One caller that finds the load under way; returns how long it took to fail, failing the test otherwise. */
  private static Duration waitAsFollower(Cache<String> cache, boolean async, Function<String, String> loader) {
    long start = System.nanoTime();
    Throwable failure;
    try {
      if (async) {
        cache.async().getOrLoad("k", Duration.ZERO, k -> CompletableFuture.completedFuture(loader.apply(k)))
            .toCompletableFuture().get(10, TimeUnit.SECONDS);
      } else {
        cache.getOrLoad("k", Duration.ZERO, loader);
      }
      throw new AssertionError("a waiter got a value while the leader was still loading");
    } catch (ExecutionException e) {
      failure = e.getCause();
    } catch (RuntimeException e) {
      failure = e;
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("the " + (async ? "async" : "blocking") + " waiter did not end within 10 s", e);
    }
    Duration took = Expect.since(start);
    assertInstanceOf(CacheTimeoutException.class, failure, (async ? "async" : "blocking") + " waiter: " + failure);
    return took;
  }
}
