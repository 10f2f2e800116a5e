package io.cacheman.samples.console;

import io.cacheman.config.Hashing;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code java -jar cacheman-console.jar [--config FILE | --connect host:port,...] [--tls ...] [--user ...]
 * [COMMAND ARGS...]}.
 *
 * <p>With a command it runs that command once and exits with its code (0 done, 1 failed, 2 bad
 * usage), like {@code redis-cli}; without one it opens the interactive console.
 */
@Command(name = "cacheman-console", mixinStandardHelpOptions = true, version = "cacheman-console 0.1.0",
    description = "Talk to Cacheman or memcached nodes: get, set, route keys, watch nodes, run a stress test.")
public final class ConsoleMain implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE", description = "a cacheman.properties naming the nodes")
  Path configFile;

  @Option(names = "--connect", paramLabel = "host:port[,host:port...]", description = "nodes to connect to")
  String nodes;

  @Option(names = "--hashing", defaultValue = "modulo", description = "with --connect: modulo or ketama")
  Hashing hashing;

  @Mixin
  SecurityOptions security = new SecurityOptions();

  @Parameters(arity = "0..*", paramLabel = "COMMAND", description = "a console command to run once, e.g. 'route k1 k2'")
  List<String> command = List.of();

  private InputStream in;
  private PrintWriter out;
  private PrintWriter err;
  private Path historyFile;

  public static void main(String[] args) {
    Path history = Path.of(System.getProperty("user.home"), ".cacheman_history");
    System.exit(run(args, System.in, System.out, System.err, history));
  }

  /** Runs the console with the given streams; returns the exit code. {@code historyFile} may be null. */
  static int run(String[] args, InputStream in, OutputStream out, OutputStream err, Path historyFile) {
    ConsoleMain main = new ConsoleMain();
    main.in = in;
    main.out = writer(out);
    main.err = writer(err);
    main.historyFile = historyFile;
    CommandLine cl = new CommandLine(main)
        .setStopAtPositional(true)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setOut(main.out)
        .setErr(main.err);
    cl.setParameterExceptionHandler((e, a) -> {
      main.err.println(e.getMessage() + " (try --help)");
      main.err.flush();
      return ConsoleSession.USAGE;
    });
    cl.setExecutionExceptionHandler((e, c, p) -> {
      main.err.println("error: " + e.getMessage());
      main.err.flush();
      return ConsoleSession.exitCodeOf(e);
    });
    int code = cl.execute(args);
    main.out.flush();
    main.err.flush();
    return code;
  }

  @Override
  public Integer call() {
    if (configFile != null && nodes != null) {
      err.println("give either --config or --connect, not both");
      return ConsoleSession.USAGE;
    }
    try (ConsoleSession session = new ConsoleSession(out, err)) {
      session.override(security::apply);
      if (configFile != null) {
        session.connect(configFile);
      } else if (nodes != null) {
        session.connect(nodes, hashing);
      } else if (!session.connectByDefault() && !command.isEmpty()) {
        err.println("no nodes: give --config FILE or --connect host:port[,host:port...]"
            + " (or put a cacheman.properties in the working directory)");
        return ConsoleSession.USAGE;
      }
      if (!command.isEmpty()) {
        return Commands.execute(session, command.toArray(String[]::new));
      }
      return new Shell(session, in, historyFile).run();
    }
  }

  private static PrintWriter writer(OutputStream stream) {
    return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
  }
}
