package io.cacheman.samples.console;

import io.cacheman.samples.console.ConsoleSession.ConsoleException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
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
 * so its output stays parseable. Either way a line is split into words by {@link CommandWords},
 * which understands quotes and backslashes.
 */
final class Shell {
  private static final String PROMPT = "cacheman> ";
  /** What {@link #runLine} returns for {@code quit}: not an exit code. */
  private static final int QUIT = -1;

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
          .completer(new ArgumentCompleter(new StringsCompleter(Commands.names()), NullCompleter.INSTANCE))
          // a value such as "hello!" is text, not a reference to an earlier line of the history
          .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
      if (historyFile != null) {
        builder.variable(LineReader.HISTORY_FILE, historyFile);
      }
      LineReader reader = builder.build();
      greet();
      int code = ConsoleSession.OK;
      while (true) {
        String line;
        try {
          line = reader.readLine(PROMPT);
        } catch (UserInterruptException e) {
          continue; // Ctrl-C clears the line, as in a shell
        } catch (EndOfFileException e) {
          return code;
        }
        code = runLine(line, code);
        if (code == QUIT) {
          return ConsoleSession.OK;
        }
      }
    }
  }

  private int runOnPipe() throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    greet();
    int code = ConsoleSession.OK;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      code = runLine(line, code);
      if (code == QUIT) {
        return ConsoleSession.OK;
      }
    }
    return code;
  }

  /** Runs one typed line; returns its exit code, {@code previous} for a blank line, or {@link #QUIT}. */
  private int runLine(String line, int previous) {
    List<String> words;
    try {
      words = CommandWords.split(line);
    } catch (ConsoleException e) {
      session.err().println("error: " + e.getMessage());
      session.err().flush();
      return ConsoleSession.USAGE;
    }
    if (words.isEmpty()) {
      return previous;
    }
    if (words.get(0).equals("quit") || words.get(0).equals("exit")) {
      return QUIT;
    }
    return Commands.execute(session, words.toArray(String[]::new));
  }

  private void greet() {
    session.err().println(session.connected()
        ? "connected to " + session.config().nodes() + "; type 'help' for commands"
        : "not connected: type 'connect host:port[,host:port...]' or 'help'");
    session.err().flush();
  }
}
