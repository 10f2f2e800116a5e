package io.cacheman.samples.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.completer.ArgumentCompleter;
import org.jline.reader.impl.completer.NullCompleter;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive console. On a terminal it offers line editing, history and tab completion of
 * command names (JLine); fed from a pipe (a script, a test) it reads plain lines without prompts,
 * so its output stays parseable.
 */
final class Shell {
  private static final String PROMPT = "cacheman> ";

  private final ConsoleSession session;
  private final InputStream in;
  private final Path historyFile;

  Shell(ConsoleSession session, InputStream in, Path historyFile) {
    this.session = session;
    this.in = in;
    this.historyFile = historyFile;
  }

  /** Reads and runs commands until {@code quit} or end of input; returns the last command's code. */
  int run() {
    try {
      return in == System.in && System.console() != null ? runOnTerminal() : runOnPipe();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read commands: " + e.getMessage(), e);
    }
  }

  private int runOnTerminal() throws IOException {
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      LineReaderBuilder builder = LineReaderBuilder.builder()
          .terminal(terminal)
          .completer(new ArgumentCompleter(new StringsCompleter(Commands.names()), NullCompleter.INSTANCE));
      if (historyFile != null) {
        builder.variable(LineReader.HISTORY_FILE, historyFile);
      }
      LineReader reader = builder.build();
      greet();
      int code = ConsoleSession.OK;
      while (true) {
        try {
          reader.readLine(PROMPT);
        } catch (UserInterruptException e) {
          continue; // Ctrl-C clears the line, as in a shell
        } catch (EndOfFileException e) {
          return code;
        }
        String[] words = reader.getParsedLine().words().stream().filter(w -> !w.isEmpty()).toArray(String[]::new);
        if (isQuit(words)) {
          return ConsoleSession.OK;
        }
        code = words.length == 0 ? code : Commands.execute(session, words);
      }
    }
  }

  private int runOnPipe() throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    greet();
    int code = ConsoleSession.OK;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      String[] words = Arrays.stream(line.trim().split("\\s+")).filter(w -> !w.isEmpty()).toArray(String[]::new);
      if (isQuit(words)) {
        return ConsoleSession.OK;
      }
      code = words.length == 0 ? code : Commands.execute(session, words);
    }
    return code;
  }

  private static boolean isQuit(String[] words) {
    return words.length > 0 && (words[0].equals("quit") || words[0].equals("exit"));
  }

  private void greet() {
    session.err().println(session.connected()
        ? "connected to " + session.config().nodes() + "; type 'help' for commands"
        : "not connected: type 'connect host:port[,host:port...]' or 'help'");
    session.err().flush();
  }
}
