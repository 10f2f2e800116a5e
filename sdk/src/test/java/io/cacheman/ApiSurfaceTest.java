package io.cacheman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API, pinned: every public type of the exported packages and every public or
 * protected member with its full generic signature is listed in {@code sdk/api/cacheman-sdk.api};
 * any change fails here until the file is updated on purpose (run the test with
 * {@code -DapiSnapshot.update=true} and commit the new file), so an API change shows up in review.
 * Signatures may name only JDK and Cacheman types.
 */
class ApiSurfaceTest {
  private static final List<String> EXPORTED = List.of("io.cacheman");
  private static final Path SNAPSHOT = Path.of("api", "cacheman-sdk.api");

  @Test
  void publicSignaturesAreExactlyTheSnapshot() throws Exception {
    List<String> now = surface();
    if (Boolean.getBoolean("apiSnapshot.update")) {
      Files.write(SNAPSHOT, now, StandardCharsets.UTF_8);
    }
    List<String> pinned = Files.readAllLines(SNAPSHOT, StandardCharsets.UTF_8);
    List<String> added = now.stream().filter(l -> !pinned.contains(l)).toList();
    List<String> removed = pinned.stream().filter(l -> !now.contains(l)).toList();
    assertTrue(added.isEmpty() && removed.isEmpty(), "the public API changed; if on purpose, update " + SNAPSHOT
        + " (-DapiSnapshot.update=true)\nadded:\n  " + String.join("\n  ", added)
        + "\nremoved:\n  " + String.join("\n  ", removed));
  }

  @Test
  void signaturesNameOnlyJdkAndCachemanTypes() throws Exception {
    List<String> leaks = new ArrayList<>();
    for (String line : surface()) {
      for (String word : line.split("[^A-Za-z0-9_.$]+")) {
        if (word.contains(".") && !(word.startsWith("java.") || word.startsWith("io.cacheman."))
            || word.startsWith("io.cacheman.internal.")) {
          leaks.add(line + "  <- " + word);
        }
      }
    }
    assertTrue(leaks.isEmpty(), String.join("\n", leaks));
  }

  @Test
  void theBlockingAndTheAsyncViewOfferTheSameOperations() {
    assertEquals(names(Cache.class, "async"), names(AsyncCache.class, "sync"));
  }

  private static TreeSet<String> names(Class<?> type, String skip) {
    return Arrays.stream(type.getDeclaredMethods()).map(Method::getName).filter(n -> !n.equals(skip))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** One line per public type and per public or protected member of the exported packages, sorted. */
  static List<String> surface() throws IOException, URISyntaxException, ClassNotFoundException {
    TreeSet<String> lines = new TreeSet<>();
    for (String pkg : EXPORTED) {
      for (Class<?> type : publicTypes(pkg)) {
        lines.add(type.getName() + " " + Modifier.toString(type.getModifiers() & ~Modifier.INTERFACE)
            + (type.isInterface() ? " interface" : type.isEnum() ? " enum" : type.isRecord() ? " record" : " class")
            + supertypes(type));
        for (Constructor<?> c : type.getDeclaredConstructors()) {
          add(lines, type, c, "<init>");
        }
        for (Method m : type.getDeclaredMethods()) {
          if (!m.isSynthetic() && !m.isBridge()) {
            add(lines, type, m, m.getGenericReturnType().getTypeName() + " " + m.getName());
          }
        }
        for (Field f : type.getDeclaredFields()) {
          if (visible(f.getModifiers()) && !f.isSynthetic()) {
            lines.add(type.getName() + "." + f.getName() + " " + f.getGenericType().getTypeName());
          }
        }
      }
    }
    return new ArrayList<>(lines);
  }

  private static void add(TreeSet<String> lines, Class<?> type, Executable e, String head) {
    if (visible(e.getModifiers())) {
      lines.add(type.getName() + ": " + Modifier.toString(e.getModifiers() & ~Modifier.TRANSIENT) + " " + head + "("
          + Arrays.stream(e.getGenericParameterTypes()).map(Type::getTypeName).collect(Collectors.joining(", ")) + ")");
    }
  }

  private static String supertypes(Class<?> type) {
    List<String> supers = new ArrayList<>();
    if (type.getGenericSuperclass() != null && type.getSuperclass() != Object.class && !type.isEnum()
        && !type.isRecord()) {
      supers.add(type.getGenericSuperclass().getTypeName());
    }
    Arrays.stream(type.getGenericInterfaces()).map(Type::getTypeName).forEach(supers::add);
    return supers.isEmpty() ? "" : " : " + String.join(", ", supers);
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static List<Class<?>> publicTypes(String pkg) throws IOException, URISyntaxException, ClassNotFoundException {
    Path dir = Path.of(Cache.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .resolve(pkg.replace('.', '/'));
    List<Class<?>> types = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files.sorted()::iterator) {
        String name = file.getFileName().toString();
        if (name.endsWith(".class") && !name.equals("package-info.class") && !name.equals("module-info.class")) {
          Class<?> type = Class.forName(pkg + "." + name.substring(0, name.length() - ".class".length()));
          if (Modifier.isPublic(type.getModifiers()) && (type.getEnclosingClass() == null
              || Modifier.isPublic(type.getEnclosingClass().getModifiers()))) {
            types.add(type);
          }
        }
      }
    }
    return types;
  }
}
