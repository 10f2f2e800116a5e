package io.cacheman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape of the SDK, checked on its compiled classes: the module exports only the API and
 * binds no metrics library, the internal packages depend on each other in one direction (no
 * cycle), and no source file grows past what a reader can hold in their head.
 */
class ArchitectureTest {
  private static final Path CLASSES = Path.of("target", "classes");
  private static final Path SOURCES = Path.of("src", "main", "java");
  private static final Pattern TYPE = Pattern.compile("(io/cacheman/[A-Za-z0-9_/$]+)");

  @Test
  void theModuleExportsOnlyTheApi() throws IOException {
    try (InputStream in = Files.newInputStream(CLASSES.resolve("module-info.class"))) {
      ModuleDescriptor module = ModuleDescriptor.read(in);
      assertEquals("io.cacheman", module.name());
      Set<String> exported = module.exports().stream().filter(e -> !e.isQualified())
          .map(ModuleDescriptor.Exports::source).collect(Collectors.toCollection(TreeSet::new));
      assertEquals(Set.of("io.cacheman"), exported);
      assertTrue(module.exports().stream().noneMatch(ModuleDescriptor.Exports::isQualified));
    }
  }

  @Test
  void nothingRefersToAMetricsLibrary() throws IOException {
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(CLASSES)) {
      for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
        if (utf8Constants(file).stream().anyMatch(c -> c.contains("io/micrometer/"))) {
          offenders.add(file.toString());
        }
      }
    }
    assertEquals(List.of(), offenders, "metrics bindings live in their own modules (cacheman-micrometer)");
  }

  @Test
  void internalPackagesFormNoCycle() throws IOException {
    Map<String, Set<String>> uses = packageDependencies();
    List<String> cycles = new ArrayList<>();
    for (String from : uses.keySet()) {
      for (String to : uses.get(from)) {
        if (!from.equals(to) && reaches(uses, to, from, new TreeSet<>())) {
          cycles.add(from + " -> " + to + " -> … -> " + from);
        }
      }
    }
    assertTrue(cycles.isEmpty(), "package cycles:\n" + String.join("\n", cycles) + "\ngraph: " + uses);
  }

  @Test
  void noSourceFileIsOver300Lines() throws IOException {
    List<String> long_ = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
        long lines = Files.readAllLines(file).size();
        if (lines > 300) {
          long_.add(file + ": " + lines);
        }
      }
    }
    assertTrue(long_.isEmpty(), String.join("\n", long_));
  }

  /** Which internal packages each internal package refers to, read from the constant pools. */
  private static Map<String, Set<String>> packageDependencies() throws IOException {
    Map<String, Set<String>> uses = new TreeMap<>();
    try (Stream<Path> files = Files.walk(CLASSES)) {
      for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
        String from = CLASSES.relativize(file.getParent()).toString().replace('/', '.');
        if (!from.startsWith("io.cacheman.internal")) {
          continue;
        }
        Set<String> targets = uses.computeIfAbsent(from, p -> new TreeSet<>());
        for (String constant : utf8Constants(file)) {
          Matcher m = TYPE.matcher(constant);
          while (m.find()) {
            String type = m.group(1);
            String pkg = type.substring(0, type.lastIndexOf('/')).replace('/', '.');
            if (pkg.startsWith("io.cacheman.internal")) {
              targets.add(pkg);
            }
          }
        }
      }
    }
    return uses;
  }

  private static boolean reaches(Map<String, Set<String>> uses, String from, String target, Set<String> seen) {
    if (from.equals(target)) {
      return true;
    }
    if (!seen.add(from)) {
      return false;
    }
    for (String next : uses.getOrDefault(from, Set.of())) {
      if (!next.equals(from) && reaches(uses, next, target, seen)) {
        return true;
      }
    }
    return false;
  }

  /** The UTF-8 constants of a class file: every class, descriptor and signature it names is among them. */
  private static List<String> utf8Constants(Path classFile) throws IOException {
    List<String> strings = new ArrayList<>();
    try (DataInputStream in = new DataInputStream(Files.newInputStream(classFile))) {
      in.readInt(); // magic
      in.readUnsignedShort(); // minor
      in.readUnsignedShort(); // major
      int count = in.readUnsignedShort();
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1 -> strings.add(in.readUTF());
          case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
          case 5, 6 -> {
            in.readLong();
            i++; // a long or double takes two slots
          }
          case 7, 8, 16, 19, 20 -> in.readUnsignedShort();
          case 15 -> {
            in.readUnsignedByte();
            in.readUnsignedShort();
          }
          default -> throw new IOException("unknown constant tag " + tag + " in " + classFile);
        }
      }
    }
    return strings;
  }
}
