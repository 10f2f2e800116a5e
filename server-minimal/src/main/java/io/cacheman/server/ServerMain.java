package io.cacheman.server;

import java.io.PrintWriter;
import java.io.Writer;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.stream.Stream;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The command line of the cache node: {@code java -jar cacheman-server.jar [options]}, with
 * memcached-style flags, optionally read from a properties file ({@code --config}). A bad flag or
 * file entry prints one line and exits with status 2; SIGTERM (or Ctrl-C) drains the
 * connections, logs a final stats line and exits with status 0. {@code --health} checks a
 * running node instead.
 */
@Command(name = "cacheman-server", mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class, sortOptions = false,
    description = "A memory-bounded cache node speaking the memcached text protocol.")
public final class ServerMain implements Callable<Integer> {
  private static final String LOG_CONFIG = "/io/cacheman/server/logback-server.xml";

  @Spec
  private CommandSpec spec;

  @Option(names = {"-p", "--port"}, defaultValue = "16180",
      description = "TCP port to listen on; 0 picks a free port (default: ${DEFAULT-VALUE}).")
  private int port;

  @Option(names = {"-l", "--listen"}, defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
      description = "Address to listen on; 0.0.0.0 for all IPv4 interfaces, :: for all IPv6 ones "
          + "(default: ${DEFAULT-VALUE}).")
  private String listen;

  @Option(names = {"-m", "--memory-limit"}, defaultValue = "100", paramLabel = "MB",
      description = "Memory for items in megabytes, 1 to 65536 (default: ${DEFAULT-VALUE}).")
  private long memoryLimitMb;

  @Option(names = {"-c", "--max-connections"}, defaultValue = "1024", paramLabel = "N",
      description = "Simultaneous client connections (default: ${DEFAULT-VALUE}).")
  private int maxConnections;

  @Option(names = {"-t", "--threads"}, paramLabel = "N",
      description = "Network event loop threads (default: number of cores).")
  private Integer threads;

  @Option(names = {"-I", "--max-item-size"}, defaultValue = "1m", paramLabel = "SIZE",
      converter = SizeConverter.class,
      description = "Largest item, in bytes or with a k/m suffix (default: ${DEFAULT-VALUE}).")
  private int maxItemSize;

  @Option(names = "--eviction", defaultValue = "lru", paramLabel = "POLICY",
      description = "What to evict when memory is full: lru, lfu, or none to refuse stores "
          + "(default: ${DEFAULT-VALUE}).")
  private Eviction eviction;

  @Mixin
  private SecurityOptions security;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Properties file whose keys are the long flags without dashes (port, "
          + "memory-limit, ...); flags on the command line override it.")
  private Path configFile;

  @Option(names = "--log-level", paramLabel = "LEVEL",
      description = "Level of the node's log: error, warn, info, debug or trace (default: info, "
          + "or what -Dlogback.configurationFile says).")
  private LogLevel logLevel;

  @Option(names = "--health",
      description = "Check a running node at --listen:--port instead of starting one: exit 0 "
          + "if it answers version in time, 1 otherwise.")
  private boolean health;

  @Option(names = "--health-timeout", defaultValue = "2", paramLabel = "SECONDS",
      description = "Deadline of --health in seconds (default: ${DEFAULT-VALUE}).")
  private double healthTimeoutSeconds;

  /** Keys accepted in a {@code --config} file: the long names of the node's own flags. */
  static final List<String> CONFIG_KEYS = Stream.concat(Stream.of("port", "listen",
      "memory-limit", "max-connections", "threads", "max-item-size", "eviction", "log-level"),
      SecurityOptions.configKeys().stream()).toList();

  /** Levels accepted by {@code --log-level}. */
  enum LogLevel { ERROR, WARN, INFO, DEBUG, TRACE }

  /** Runs the node until SIGTERM; exits with 0, or 2 for a bad flag, 1 if it cannot listen. */
  public static void main(String[] args) {
    // any thread of the process that dies of an uncaught error ends it (the node's own threads
    // report through CachemanServer's fatal handler; this covers the rest)
    Thread.setDefaultUncaughtExceptionHandler((thread, error) -> FatalExit.exit(
        LoggerFactory.getLogger(ServerMain.class),
        new IllegalStateException("thread " + thread.getName() + " died", error)));
    System.exit(execute(args, new PrintWriter(System.out, true),
        new PrintWriter(System.err, true)));
  }

  /**
   * The whole command line, without exiting: reads {@code --config} if given, then runs the
   * node, the health check, help or version, and returns the exit status.
   */
  static int execute(String[] args, PrintWriter out, PrintWriter err) {
    ConfigFile file;
    try {
      file = configFileOf(args);
    } catch (ConfigFile.ConfigException e) {
      err.println("cacheman-server: " + e.getMessage());
      err.flush();
      return 2;
    }
    return commandLine(file == null ? List.of() : file.entries(), out, err).execute(args);
  }

  /**
   * The settings these arguments select, as the node would run with them.
   *
   * @throws ConfigFile.ConfigException for a bad config file
   * @throws ParameterException for a bad flag or value
   */
  static ServerConfig resolve(String... args) throws ConfigFile.ConfigException {
    ConfigFile file = configFileOf(args);
    CommandLine cmd = commandLine(file == null ? List.of() : file.entries(),
        new PrintWriter(Writer.nullWriter()), new PrintWriter(Writer.nullWriter()));
    cmd.parseArgs(args);
    try {
      return ((ServerMain) cmd.getCommand()).toConfig();
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new ParameterException(cmd, e.getMessage());
    }
  }

  private static CommandLine commandLine(List<ConfigFile.Entry> defaults, PrintWriter out,
      PrintWriter err) {
    CommandLine cmd = new CommandLine(new ServerMain());
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setOut(out);
    cmd.setErr(err);
    Map<String, String> values = new HashMap<>();
    defaults.forEach(e -> values.put("--" + e.key(), e.value()));
    cmd.setDefaultValueProvider(arg -> arg instanceof OptionSpec option
        ? values.get(option.longestName()) : null);
    cmd.setParameterExceptionHandler((ex, ignored) -> {
      PrintWriter w = ex.getCommandLine().getErr();
      w.println("cacheman-server: " + oneLine(ex.getMessage()) + " (try --help)");
      w.flush();
      return 2;
    });
    return cmd;
  }

  /**
   * Reads the file named by {@code --config}, if any, and checks its entries together with the
   * flags: the first entry that turns valid settings into invalid ones is reported with its
   * file, line, key and value (flags override the file, so a flag can also mask an entry).
   */
  private static ConfigFile configFileOf(String[] args) throws ConfigFile.ConfigException {
    Path path = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        path = Path.of(args[i + 1]);
      } else if (args[i].startsWith("--config=")) {
        path = Path.of(args[i].substring("--config=".length()));
      }
    }
    if (path == null) {
      return null;
    }
    ConfigFile file = ConfigFile.read(path, CONFIG_KEYS);
    List<ConfigFile.Entry> entries = file.entries();
    if (problem(entries, args) == null) {
      return file; // settings that need each other (enable-ssl, ssl-chain-cert) come in any order
    }
    boolean previousValid = problem(entries.subList(0, 0), args) == null;
    for (int i = 1; i <= entries.size(); i++) {
      String problem = problem(entries.subList(0, i), args);
      if (previousValid && problem != null) {
        throw new ConfigFile.ConfigException(file.errorAt(entries.get(i - 1), problem));
      }
      previousValid = problem == null;
    }
    return file;
  }

  /** Why these file entries and flags do not make valid settings, or null if they do. */
  private static String problem(List<ConfigFile.Entry> entries, String[] args) {
    CommandLine cmd = commandLine(entries, new PrintWriter(Writer.nullWriter()),
        new PrintWriter(Writer.nullWriter()));
    try {
      cmd.parseArgs(args);
      ((ServerMain) cmd.getCommand()).toConfig();
      return null;
    } catch (ParameterException e) {
      return oneLine(e.getMessage());
    } catch (IllegalArgumentException | ArithmeticException e) {
      return e.getMessage();
    }
  }

  private static String oneLine(String message) {
    return message.replace('\n', ' ').trim();
  }

  private ServerConfig toConfig() {
    FlagChecks.memory(memoryLimitMb, maxItemSize);
    ListenAddress.check(listen);
    ServerConfig.Builder b = ServerConfig.builder().port(port).listenAddress(listen)
        .memoryLimitBytes(memoryLimitMb << 20)
        .maxConnections(maxConnections).maxItemSize(maxItemSize).eviction(eviction)
        .tls(security.tls()).authFile(security.authFile);
    if (threads != null) {
      b.threads(threads);
    }
    if (!(healthTimeoutSeconds > 0 && healthTimeoutSeconds <= 3600)) {
      throw new IllegalArgumentException("health timeout must be between 0 and 3600 seconds, got "
          + healthTimeoutSeconds);
    }
    return b.build();
  }

  @Override
  public Integer call() {
    ServerConfig config;
    try {
      config = toConfig();
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (health) {
      HealthCheck.Result result = HealthCheck.probe(listen, port,
          Duration.ofMillis(Math.round(healthTimeoutSeconds * 1000)), config.tls(),
          config.authFile());
      spec.commandLine().getOut().println(result.line());
      spec.commandLine().getOut().flush();
      return result.healthy() ? 0 : 1;
    }
    configureLogging(logLevel);
    Logger log = LoggerFactory.getLogger(ServerMain.class);
    CachemanServer server;
    try {
      server = CachemanServer.start(config, error -> FatalExit.exit(log, error));
    } catch (IllegalArgumentException e) {
      log.error("{}", e.getMessage()); // a TLS or auth file the node cannot use: a bad setting
      return 2;
    } catch (java.io.UncheckedIOException e) {
      log.error("{}", e.getMessage());
      // an address this machine does not have is a bad flag (restarting cannot fix it); a port
      // in use may be freed by the time a supervisor tries again
      return e.getCause() instanceof java.net.BindException
          && String.valueOf(e.getCause().getMessage()).contains("assign") ? 2 : 1;
    }
    // handle SIGTERM before announcing the port: whoever waits for that line may stop us next
    Signals.onTermination(() -> {
      log.info("shutting down: no new connections, finishing replies in flight");
      server.close();
    });
    Signals.onHangup(() -> {
      if (config.tls() == null) {
        log.info("SIGHUP: nothing to reload (TLS is off)");
      } else {
        server.reloadCertificates(); // logs what it did
      }
    });
    log.info("cacheman-server {} listening on {} ({}, pid {})", CachemanServer.version(),
        HostPort.format(server.address()), config, ProcessHandle.current().pid());
    NodeLog.adviseOnMemory(log, config);
    NodeLog.adviseOnSecurity(log, config, HostPort.format(server.address()));
    server.awaitClosed();
    log.info("stopped; final stats: {}", NodeLog.summary(server.stats()));
    if (logbackIsBound()) {
      LogbackSetup.stop();
    }
    return 0;
  }

  /**
   * Loads the server's logback configuration, unless the user chose one with {@code
   * -Dlogback.configurationFile} or runs another slf4j binding; {@code --log-level} then sets
   * the root level over either. It is not named {@code
   * logback.xml}, so an application embedding the server never picks it up by accident.
   */
  private static void configureLogging(LogLevel level) {
    if (!logbackIsBound()) {
      return;
    }
    URL config = ServerMain.class.getResource(LOG_CONFIG);
    if (System.getProperty("logback.configurationFile") == null && config != null) {
      LogbackSetup.configure(config);
    }
    if (level != null) {
      LogbackSetup.setRootLevel(level.name());
    }
  }

  static boolean logbackIsBound() {
    return LoggerFactory.getILoggerFactory().getClass().getName()
        .equals("ch.qos.logback.classic.LoggerContext");
  }
}
