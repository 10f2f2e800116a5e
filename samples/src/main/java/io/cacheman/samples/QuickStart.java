package io.cacheman.samples;

import io.cacheman.Cache;
import io.cacheman.Cacheman;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The first program to read: open a client from {@code cacheman.properties}, store, read, delete.
 *
 * <p>Run: {@code java -cp … io.cacheman.samples.QuickStart [path/to/cacheman.properties]}
 */
public final class QuickStart {
  private QuickStart() {}

  public static void main(String[] args) {
    try (Cache<Object> cache = args.length > 0 ? Cacheman.open(Path.of(args[0])) : Cacheman.open()) {
      run(cache, System.out);
    }
  }

  static void run(Cache<Object> cache, PrintStream out) {
    cache.set("user:42:name", "Ada Lovelace", Duration.ofMinutes(10));
    out.println("get user:42:name -> " + cache.get("user:42:name"));

    cache.set("visits", "0");
    long visits = cache.incr("visits", 1, 0, Duration.ZERO);
    out.println("incr visits -> " + visits);

    out.println("delete user:42:name -> " + cache.delete("user:42:name"));
    out.println("get user:42:name -> " + cache.get("user:42:name"));
  }
}
