package io.cacheman.samples.stampede;

import io.cacheman.Cache;
import io.cacheman.Cacheman;
import io.cacheman.CachemanException;
import io.cacheman.config.CachemanConfig;
import io.cacheman.config.ConfigLoader;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One application process of the stampede demo: a client and {@code threads} threads that all call
 * {@code getOrLoad} of one key at the same moment, when told {@code GO} on stdin. The loader stands
 * for a slow database query. Prints {@code READY}, then one {@code RESULT} line:
 * {@code loads=N values=N failures=N}.
 *
 * <p>Arguments: {@code nodes protocol key threads loaderMillis ok|throw}.
 */
public final class StampedeWorker {
  private StampedeWorker() {}

  public static void main(String[] args) throws Exception {
    CachemanConfig config = ConfigLoader.parse("cacheman.nodes = " + args[0] + "\ncacheman.protocol = " + args[1]
        + "\ncacheman.operation-timeout = 3s\ncacheman.load.lease = 2s\n", "the stampede worker's arguments");
    String key = args[2];
    int threads = Integer.parseInt(args[3]);
    long loaderMillis = Long.parseLong(args[4]);
    boolean throwing = args[5].equals("throw");
    AtomicInteger loads = new AtomicInteger();
    AtomicInteger values = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    try (Cache<Object> cache = Cacheman.open(config);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      cache.admin().awaitConnected(Duration.ofSeconds(10));
      System.out.println("READY");
      if (!"GO".equals(in.readLine())) {
        return;
      }
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> callers = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Thread caller = new Thread(() -> {
          try {
            start.await();
            Object value = cache.getOrLoad(key, Duration.ofMinutes(1), k -> {
              loads.incrementAndGet();
              sleep(loaderMillis);
              if (throwing) {
                throw new IllegalStateException("the database is down");
              }
              return "loaded by process " + ProcessHandle.current().pid();
            });
            if (value != null) {
              values.incrementAndGet();
            }
          } catch (CachemanException | IllegalStateException e) {
            failures.incrementAndGet();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
        caller.start();
        callers.add(caller);
      }
      start.countDown();
      for (Thread caller : callers) {
        caller.join();
      }
      System.out.println("RESULT loads=" + loads + " values=" + values + " failures=" + failures);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
