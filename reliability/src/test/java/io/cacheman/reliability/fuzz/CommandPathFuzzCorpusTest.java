package io.cacheman.reliability.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.reliability.fuzz.ReplyChecker.Kind;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the corpus the coverage-guided fuzzer grew and minimized ({@code command-path-corpus},
 * see docs/RELIABILITY.md) through the same target, in seconds: every input keeps every invariant
 * on today's server-minimal, and the corpus still reaches every kind of reply, so this is a
 * regression test of the command path, not a no-op.
 */
class CommandPathFuzzCorpusTest {
  private static final long MAX_CORPUS_BYTES = 400 * 1024;

  static List<Path> corpus() throws IOException, URISyntaxException {
    URL dir = CommandPathFuzzCorpusTest.class.getResource("command-path-corpus");
    assertNotNull(dir, "the committed corpus directory command-path-corpus is on the test classpath");
    try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void everyInputKeepsEveryInvariant(Path input) throws IOException {
    CommandPathFuzz.check(Files.readAllBytes(input), CommandPath::of); // throws on any violation
  }

  @Test
  void theCorpusIsSmallAndReachesEveryKindOfReply() throws Exception {
    long[] replies = new long[Kind.values().length];
    long bytes = 0;
    int closed = 0;
    List<Path> inputs = corpus();
    long start = System.nanoTime();
    for (Path input : inputs) {
      byte[] b = Files.readAllBytes(input);
      bytes += b.length;
      Transcript t = CommandPathFuzz.check(b, CommandPath::of);
      if (t != null) {
        Arrays.setAll(replies, i -> replies[i] + t.replyCounts()[i]);
        closed += t.closedByNode() ? 1 : 0;
      }
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("[fuzz corpus] %d inputs, %,d bytes, replayed in %d ms; replies %s; %d closed by the node%n",
        inputs.size(), bytes, millis, Arrays.toString(replies), closed);
    assertTrue(inputs.size() >= 100, "the corpus holds " + inputs.size() + " inputs");
    assertTrue(bytes <= MAX_CORPUS_BYTES, "the corpus is " + bytes + " bytes, keep it minimized");
    Set<Kind> missing = EnumSet.noneOf(Kind.class);
    for (Kind kind : Kind.values()) {
      if (replies[kind.ordinal()] == 0) {
        missing.add(kind);
      }
    }
    assertTrue(missing.isEmpty(), "no reply of kind " + missing + " in the whole corpus");
    assertTrue(closed > 0, "some input makes the node close the connection");
  }
}
