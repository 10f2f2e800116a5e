package io.cacheman.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.function.Consumer;

/** Reads what a child JVM of a test ({@link ChildClient}, {@link DiscoveryChild}) answers: one {@code RESULT …} line per command. */
public final class ChildOutput {
  private ChildOutput() {}

  /**
   * The child's next {@code RESULT} line, without the prefix; the lines before it (its log) go to
   * {@code otherLines}.
   *
   * @throws AssertionError when the child exits first
   */
  public static String result(BufferedReader fromChild, Consumer<String> otherLines) throws IOException {
    String line;
    while ((line = fromChild.readLine()) != null) {
      if (line.startsWith("RESULT ")) {
        return line.substring("RESULT ".length());
      }
      otherLines.accept(line);
    }
    throw new AssertionError("the child client exited");
  }
}
