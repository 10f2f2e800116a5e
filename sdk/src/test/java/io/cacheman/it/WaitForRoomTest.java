package io.cacheman.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.AsyncCache;
import io.cacheman.Cache;
import io.cacheman.CacheOverloadedException;
import io.cacheman.CacheTimeoutException;
import io.cacheman.testing.CallerThreads;
import io.cacheman.testing.Clients;
import io.cacheman.testing.MinimalServer;
import io.cacheman.testing.MisbehavingServer;
import io.cacheman.testing.MisbehavingServer.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * More blocking callers than {@code cacheman.max-in-flight}: each waits for a slot within its
 * deadline instead of failing at once. Async callers still fail at once.
 */
class WaitForRoomTest {

  @Test
  void manyMoreBlockingCallersThanSlotsAllGetTheirValues() throws Exception {
    try (MinimalServer node = MinimalServer.launch();
        Cache<String> cache = Clients.strings(c -> c.maxInFlightPerConnection(2).connectionsPerNode(1)
            .operationTimeout(Duration.ofSeconds(5)), node.address())) {
      int threads = 32;
      int rounds = 200;
      AtomicInteger wrong = new AtomicInteger();
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      List<Thread> callers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int me = t;
        callers.add(new Thread(() -> {
          try {
            for (int i = 0; i < rounds; i++) {
              String key = "room-" + me + "-" + i;
              cache.set(key, "v" + i);
              if (!("v" + i).equals(cache.get(key))) {
                wrong.incrementAndGet();
              }
            }
          } catch (RuntimeException e) {
            failures.add(e);
          }
        }));
      }
      callers.forEach(Thread::start);
      for (Thread caller : callers) {
        caller.join(TimeUnit.SECONDS.toMillis(60));
      }
      assertTrue(failures.isEmpty(), () -> failures.size() + " calls failed, the first: " + failures.peek());
      assertEquals(0, wrong.get(), "values read back");
      assertEquals(0, cache.admin().stats().total().rejected(), "no blocking call was refused as overloaded");
    }
  }

  @Test
  void callersWaitingInLineAtASilentNodeEachEndAtTheirDeadline() throws Exception {
    try (MisbehavingServer silent = new MisbehavingServer((line, n) -> Reply.SILENCE);
        Cache<String> cache = Clients.strings(c -> c.maxInFlightPerConnection(2).connectionsPerNode(1)
            .operationTimeout(Duration.ofMillis(400)), silent.address())) {
      // On virtual threads a caller parks with no timer of its own: only the I/O thread's watch
      // over the line of waiting requests ends the calls that never got a slot.
      ThreadFactory threads = CallerThreads.virtualIfAvailable();
      int callers = 50;
      ConcurrentLinkedQueue<Throwable> outcomes = new ConcurrentLinkedQueue<>();
      AtomicLong slowestMillis = new AtomicLong();
      List<Thread> started = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        String key = "line-" + i;
        Thread caller = threads.newThread(() -> {
          long start = System.nanoTime();
          try {
            cache.get(key);
            outcomes.add(new AssertionError("a silent node answered " + key));
          } catch (RuntimeException e) {
            outcomes.add(e);
          }
          slowestMillis.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), Math::max);
        });
        caller.start();
        started.add(caller);
      }
      for (Thread caller : started) {
        caller.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(caller.isAlive(), "a caller (virtual: " + CallerThreads.virtual() + ") still waits after 10 s");
      }
      assertEquals(callers, outcomes.size());
      long overloaded = outcomes.stream().filter(CacheOverloadedException.class::isInstance).count();
      long timedOut = outcomes.stream().filter(CacheTimeoutException.class::isInstance).count();
      assertEquals(2, timedOut, "the two calls that got the slots time out: " + outcomes);
      assertEquals(callers - 2, overloaded, "the others never got a slot: " + outcomes);
      assertTrue(slowestMillis.get() < 400 + 2_000, "slowest call " + slowestMillis.get() + " ms at a 400 ms timeout");
    }
  }

  @Test
  void aBlockingCallerWaitsForASlotUntilItsDeadlineThenFailsAsOverloaded() throws Exception {
    try (MisbehavingServer silent = new MisbehavingServer((line, n) -> Reply.SILENCE);
        AsyncCache<String> cache = Clients.asyncStrings(c -> c.maxInFlightPerConnection(2).connectionsPerNode(1)
            .operationTimeout(Duration.ofMillis(600)), silent.address())) {
      List<CompletableFuture<String>> holding = List.of(cache.get("a").toCompletableFuture(),
          cache.get("b").toCompletableFuture());

      ExecutionException async = assertThrows(ExecutionException.class,
          () -> cache.get("async").toCompletableFuture().get(100, TimeUnit.MILLISECONDS));
      assertInstanceOf(CacheOverloadedException.class, async.getCause(), "an async caller is refused at once");

      long start = System.nanoTime();
      CacheOverloadedException blocking = assertThrows(CacheOverloadedException.class, () -> cache.sync().get("sync"));
      long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(blocking.getMessage().contains("no slot came free"), blocking.getMessage());
      assertTrue(waitedMillis >= 500, "the blocking caller waited for a slot, not " + waitedMillis + " ms");
      for (CompletableFuture<String> f : holding) {
        assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
      }
    }
  }
}
