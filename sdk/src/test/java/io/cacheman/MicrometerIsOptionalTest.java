package io.cacheman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.testing.MinimalServer;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Micrometer is an optional dependency: only {@code io.cacheman.micrometer} may refer to it, and
 * an application without it on its classpath opens and uses a client as usual.
 */
class MicrometerIsOptionalTest {

  @Test
  void noClassOutsideTheMicrometerPackageRefersToMicrometer() throws Exception {
    Path classes = Path.of(Cache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> offenders = new ArrayList<>();
    int checked = 0;
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
        String name = classes.relativize(file).toString().replace(File.separatorChar, '/');
        // Every class name a class refers to sits in its constant pool as "io/micrometer/...".
        boolean refers = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains("io/micrometer/");
        if (!name.startsWith("io/cacheman/micrometer/")) {
          checked++;
          if (refers) {
            offenders.add(name);
          }
        }
      }
    }
    assertTrue(checked > 50, "only " + checked + " classes checked");
    assertEquals(List.of(), offenders);
  }

  @Test
  void aClientWorksWhereMicrometerIsNotOnTheClasspath() throws Exception {
    List<URL> withoutMicrometer = new ArrayList<>();
    boolean sawMicrometer = false;
    for (String entry : testClassPath()) {
      if (entry.contains("micrometer")) {
        sawMicrometer = true;
      } else {
        withoutMicrometer.add(Path.of(entry).toUri().toURL());
      }
    }
    assertTrue(sawMicrometer, "Micrometer is not on the test class path, so leaving it out proves nothing");
    try (MinimalServer node = MinimalServer.launch();
        URLClassLoader app = new URLClassLoader(withoutMicrometer.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      Object result = app.loadClass("io.cacheman.testing.NoMicrometerProgram").getMethod("run", int.class)
          .invoke(null, node.port());
      assertEquals("works without micrometer after 1 operation(s)", result);
    }
  }

  /** The entries of the test class path (surefire passes them in a property when it starts the JVM from a manifest jar). */
  private static List<String> testClassPath() throws IOException {
    String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> entries = List.of(path.split(File.pathSeparator));
    assertFalse(entries.isEmpty());
    return entries;
  }
}
