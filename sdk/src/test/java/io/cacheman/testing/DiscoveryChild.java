package io.cacheman.testing;

import io.cacheman.Cache;
import io.cacheman.CachemanException;
import io.cacheman.Cacheman;
import io.cacheman.config.ConfigLoader;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A client whose node list is a DNS name, in a JVM of its own (so a test can give it its own hosts
 * file), with traffic running from the start. Driven line by line over stdin; each answer is one
 * {@code RESULT …} line:
 * <ul>
 *   <li>{@code nodes}: the node ids in force, sorted, comma-separated;
 *   <li>{@code states}: the routing state of each node, {@code id=UP} …, sorted, comma-separated;
 *   <li>{@code routes N}: {@code key=node} for {@code key-0} … {@code key-(N-1)}, separated by {@code ;};
 *   <li>{@code set KEY VALUE}: {@code ok} or {@code fail <message>};
 *   <li>{@code traffic}: {@code <calls> <failed calls>} of the background traffic so far;
 *   <li>{@code quit}.
 * </ul>
 */
public final class DiscoveryChild {
  private DiscoveryChild() {}

  /** {@code args}: the settings, one {@code key=value} per argument. */
  public static void main(String[] args) throws Exception {
    String settings = String.join("\n", args);
    AtomicLong calls = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    try (Cache<String> cache = Cacheman.builder().config(ConfigLoader.parse(settings, "arguments"))
            .transcoder(Strings.UTF8).build();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      Thread traffic = new Thread(() -> run(cache, calls, failed), "traffic");
      traffic.setDaemon(true);
      traffic.start();
      System.out.println("RESULT ready");
      String line;
      while ((line = in.readLine()) != null && !line.equals("quit")) {
        String[] words = line.split(" ");
        System.out.println("RESULT " + switch (words[0]) {
          case "nodes" -> cache.admin().config().nodes().stream().map(n -> n.id())
              .collect(Collectors.toCollection(TreeSet::new)).stream().collect(Collectors.joining(","));
          case "states" -> cache.admin().nodes().stream().map(n -> n.node() + "=" + n.state())
              .collect(Collectors.toCollection(TreeSet::new)).stream().collect(Collectors.joining(","));
          case "routes" -> IntStream.range(0, Integer.parseInt(words[1]))
              .mapToObj(i -> "key-" + i + "=" + cache.admin().nodeFor("key-" + i)).collect(Collectors.joining(";"));
          case "set" -> set(cache, words[1], words[2]);
          case "traffic" -> calls.get() + " " + failed.get();
          default -> "unknown command " + words[0];
        });
      }
      traffic.interrupt();
    }
  }

  private static String set(Cache<String> cache, String key, String value) {
    try {
      return cache.set(key, value) ? "ok" : "not stored";
    } catch (CachemanException e) {
      return "fail " + e.getMessage();
    }
  }

  /** Sets and reads keys for at most two minutes, about a thousand calls a second: light on a shared machine. */
  private static void run(Cache<String> cache, AtomicLong calls, AtomicLong failed) {
    long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    for (int i = 0; !Thread.currentThread().isInterrupted() && System.nanoTime() - end < 0; i++) {
      String key = "traffic-" + (i % 500);
      try {
        cache.set(key, "v" + i);
        cache.get(key);
      } catch (CachemanException e) {
        failed.incrementAndGet();
      }
      calls.incrementAndGet();
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }
}
