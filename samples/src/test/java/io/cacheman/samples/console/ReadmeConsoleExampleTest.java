package io.cacheman.samples.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.samples.LocalCluster;
import io.cacheman.samples.console.ConsoleTest.Run;
import io.cacheman.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's console example works as written: its addresses are where the node it starts
 * listens, and each console line, run in order in one folder, succeeds. Only the port differs: the
 * node here takes a free one, as a shared test machine may have the default port in use.
 */
class ReadmeConsoleExampleTest {
  private static final Path README = Path.of("..", "README.md");
  private static final String CONSOLE_JAR = "cacheman-console.jar";
  private static final Pattern ADDRESS = Pattern.compile("127\\.0\\.0\\.1:(\\d+)");

  @TempDir Path folder;
  @TempDir Path output;

  @Test
  void theExampleNamesTheNodesDefaultAddress() throws IOException {
    List<String> example = example();
    String server = example.get(0);
    assertTrue(server.startsWith("java -jar server-minimal/target/cacheman-server.jar"), server);
    assertFalse(server.contains(" -p") || server.contains("--port"), "the node keeps its default port: " + server);
    int addresses = 0;
    for (String line : example) {
      Matcher address = ADDRESS.matcher(line);
      while (address.find()) {
        assertEquals(ServerConfig.DEFAULT_PORT, Integer.parseInt(address.group(1)), line);
        addresses++;
      }
    }
    assertTrue(addresses >= 3, "the console lines name the node: " + example);
  }

  @Test
  void eachConsoleLineSucceedsInOrder() throws Exception {
    try (LocalCluster node = LocalCluster.startOnFreePorts(1)) {
      String id = node.nodes().get(0).id();
      List<Run> runs = new ArrayList<>();
      for (String line : example()) {
        String here = line.replace("127.0.0.1:" + ServerConfig.DEFAULT_PORT, id);
        List<String> words = CommandWords.split(here);
        if (words.get(0).equals("echo")) {
          assertEquals(List.of(">", "cacheman.properties"), words.subList(2, 4), line);
          Files.writeString(folder.resolve("cacheman.properties"), words.get(1) + "\n");
        } else if (here.contains(CONSOLE_JAR)) {
          List<String> args = words.subList(words.indexOf("samples/target/" + CONSOLE_JAR) + 1, words.size());
          Run run = ConsoleProcess.run(folder, output, args.toArray(String[]::new));
          assertEquals(0, run.code(), line + ": " + run.err());
          runs.add(run);
        }
      }
      assertEquals(3, runs.size(), "interactive, set, route");
      assertEquals("STORED\n", runs.get(1).out());
      assertEquals("k1\t" + id + "\nk2\t" + id + "\n", runs.get(2).out());
    }
  }

  /** The commands of the sh block after "Then try the console", without their comments. */
  private static List<String> example() throws IOException {
    List<String> lines = Files.readAllLines(README);
    String intro = lines.stream().filter(l -> l.startsWith("Then try the console")).findFirst().orElseThrow();
    int start = lines.indexOf(intro);
    int open = lines.subList(start, lines.size()).indexOf("```sh") + start;
    int close = lines.subList(open + 1, lines.size()).indexOf("```") + open + 1;
    return lines.subList(open + 1, close).stream()
        .map(line -> line.replaceFirst("\\s+#.*$", ""))
        .toList();
  }
}
