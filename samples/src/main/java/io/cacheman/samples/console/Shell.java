package io.cacheman.samples.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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
 * The interactive console: line editing, history and tab completion of command names (JLine).
 * On a real terminal it uses the terminal; fed from a pipe or a test it reads lines plainly.
 */
final class Shell {
  private static final String PROMPT = "cacheman> ";

  private final ConsoleSession session;
  private final InputStream in;
  private final OutputStream out;
  private final Path historyFile;

  Shell(ConsoleSession session, InputStream in, OutputStream out, Path historyFile) {
    this.session = session;
    this.in = in;
    this.out = out;
    this.historyFile = historyFile;
  }

  /** Reads and runs commands until {@code quit} or end of input; returns the last command's code. */
  int run() {
    try (Terminal terminal = terminal()) {
      LineReaderBuilder builder = LineReaderBuilder.builder()
          .terminal(terminal)
          .completer(new ArgumentCompleter(new StringsCompleter(Commands.names()), NullCompleter.INSTANCE));
      if (historyFile != null) {
        builder.variable(LineReader.HISTORY_FILE, historyFile);
      }
      LineReader reader = builder.build();
      session.out().println(session.connected()
          ? "connected to " + session.config().nodes() + "; type 'help' for commands"
          : "not connected: type 'connect host:port[,host:port...]' or 'help'");
      session.out().flush();
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
        String[] words = reader.getParsedLine().words().stream().filter(w -> !w.isEmpty()).toArray(String[]::new);
        if (words.length == 0) {
          continue;
        }
        code = Commands.execute(session, words);
        if (words[0].equals("quit") || words[0].equals("exit")) {
          return ConsoleSession.OK;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the terminal: " + e.getMessage(), e);
    }
  }

  private Terminal terminal() throws IOException {
    if (in == System.in && System.console() != null) {
      return TerminalBuilder.builder().system(true).build();
    }
    return TerminalBuilder.builder().system(false).dumb(true).streams(in, out).build();
  }
}
