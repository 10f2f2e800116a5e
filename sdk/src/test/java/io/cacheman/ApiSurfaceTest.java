package io.cacheman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API is a few types in {@code io.cacheman}; this snapshot fails on any unplanned
 * change, and on any public signature that leaks a library type (okio, guava, resilience4j…).
 */
class ApiSurfaceTest {
  private static final Set<String> PUBLIC_TYPES = Set.of(
      "AsyncCache", "Cache", "CacheConnectionException", "CacheOverloadedException", "CacheProtocolException",
      "CacheServerException", "CacheTimeoutException", "CacheTranscodingException", "CachedData", "Cacheman",
      "CachemanException", "CasResult", "CasValue", "ClientStats", "MultiGetResult", "NodeState", "NodeStats",
      "NodeUnavailableException", "Transcoder", "Transcoders");
  /** The optional Micrometer integration: its own package, the only one that may name Micrometer types. */
  private static final Set<String> MICROMETER_TYPES = Set.of("CachemanMetrics");
  /** The operations of a client; {@link AsyncCache} has the same names (plus sync() for async()). */
  private static final Set<String> CACHE_METHODS = Set.of(
      "add", "append", "async", "cas", "close", "config", "decr", "delete", "flushAll", "get", "getAndTouch",
      "getMulti", "getMultiResult", "getOrLoad", "gets", "incr", "nodeFor", "prepend", "reconfigure", "replace", "serverStats", "set",
      "stats", "touch", "withTranscoder");

  @Test
  void publicTypesAreExactlyThePlannedOnes() throws Exception {
    assertEquals(new TreeSet<>(PUBLIC_TYPES), new TreeSet<>(publicTopLevelTypes("io.cacheman")));
  }

  @Test
  void theMicrometerPackageHasOnlyTheBinder() throws Exception {
    assertEquals(new TreeSet<>(MICROMETER_TYPES), new TreeSet<>(publicTopLevelTypes("io.cacheman.micrometer")));
  }

  @Test
  void cacheAndAsyncCacheOfferThePlannedOperations() {
    assertEquals(new TreeSet<>(CACHE_METHODS), methodNames(Cache.class));
    Set<String> async = new TreeSet<>(CACHE_METHODS);
    async.remove("async");
    async.add("sync");
    assertEquals(async, methodNames(AsyncCache.class));
  }

  private static Set<String> methodNames(Class<?> type) {
    Set<String> names = new TreeSet<>();
    for (Method method : type.getMethods()) {
      if (method.getDeclaringClass() == type) {
        names.add(method.getName());
      }
    }
    return names;
  }

  @Test
  void signaturesNameOnlyJdkAndCachemanTypes() throws Exception {
    List<String> leaks = new ArrayList<>();
    for (String name : PUBLIC_TYPES) {
      Class<?> type = Class.forName("io.cacheman." + name);
      for (Method method : type.getMethods()) {
        List<Class<?>> used = new ArrayList<>(List.of(method.getParameterTypes()));
        used.add(method.getReturnType());
        for (Class<?> t : used) {
          String n = t.getName();
          if (!(t.isPrimitive() || n.startsWith("java.") || n.startsWith("[") || n.startsWith("io.cacheman.")
              && !n.startsWith("io.cacheman.internal."))) {
            leaks.add(name + "." + method.getName() + " uses " + n);
          }
        }
      }
    }
    assertTrue(leaks.isEmpty(), leaks.toString());
  }

  private static Set<String> publicTopLevelTypes(String pkg)
      throws IOException, URISyntaxException, ClassNotFoundException {
    Path dir = Path.of(Cache.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .resolve(pkg.replace('.', '/'));
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String fileName = file.getFileName().toString();
        if (fileName.endsWith(".class") && !fileName.contains("$") && !fileName.equals("package-info.class")) {
          String simple = fileName.substring(0, fileName.length() - ".class".length());
          if (Modifier.isPublic(Class.forName(pkg + "." + simple).getModifiers())) {
            names.add(simple);
          }
        }
      }
    }
    return names;
  }
}
