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

  @Test
  void publicTypesAreExactlyThePlannedOnes() throws Exception {
    assertEquals(new TreeSet<>(PUBLIC_TYPES), new TreeSet<>(publicTopLevelTypes()));
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

  private static Set<String> publicTopLevelTypes() throws IOException, URISyntaxException, ClassNotFoundException {
    Path dir = Path.of(Cache.class.getProtectionDomain().getCodeSource().getLocation().toURI()).resolve("io/cacheman");
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String fileName = file.getFileName().toString();
        if (fileName.endsWith(".class") && !fileName.contains("$") && !fileName.equals("package-info.class")) {
          String simple = fileName.substring(0, fileName.length() - ".class".length());
          if (Modifier.isPublic(Class.forName("io.cacheman." + simple).getModifiers())) {
            names.add(simple);
          }
        }
      }
    }
    return names;
  }
}
