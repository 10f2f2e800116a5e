package io.cacheman.samples;

import io.cacheman.AsyncCache;
import io.cacheman.Cache;
import io.cacheman.Cacheman;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The non-blocking API: fire many operations, then combine their futures. Nothing here waits on
 * the network except the final {@code join()}.
 */
public final class AsyncSample {
  private AsyncSample() {}

  public static void main(String[] args) {
    try (Cache<Object> cache = args.length > 0 ? Cacheman.open(Path.of(args[0])) : Cacheman.open()) {
      run(cache.async(), System.out);
    }
  }

  static void run(AsyncCache<Object> cache, PrintStream out) {
    List<String> keys = List.of("city:1", "city:2", "city:3");
    List<String> names = List.of("Oslo", "Lima", "Pune");

    CompletableFuture<?>[] writes = new CompletableFuture<?>[keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      writes[i] = cache.set(keys.get(i), names.get(i), Duration.ofMinutes(5)).toCompletableFuture();
    }

    Map<String, Object> cities = CompletableFuture.allOf(writes)
        .thenCompose(stored -> cache.getMulti(keys))
        .join(); // allOf's stage is ours to join; the client's own stages are joined through toCompletableFuture()
    keys.forEach(k -> out.println(k + " -> " + cities.get(k)));

    String upper = cache.get("city:2").thenApply(v -> ((String) v).toUpperCase()).toCompletableFuture().join();
    out.println("city:2 upper-cased -> " + upper);
  }
}
