package io.cacheman.server;

import java.io.PrintWriter;
import java.net.URL;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The command line of the cache node: {@code java -jar cacheman-server.jar [options]}, with
 * memcached-style flags. A bad flag prints one line and exits with status 2; SIGTERM (or Ctrl-C)
 * drains the connections, logs a final stats line and exits with status 0.
 */
@Command(name = "cacheman-server", mixinStandardHelpOptions = true,
    versionProvider = ServerMain.Version.class, sortOptions = false,
    description = "A memory-bounded cache node speaking the memcached text protocol.")
public final class ServerMain implements Callable<Integer> {
  private static final String LOG_CONFIG = "/io/cacheman/server/logback-server.xml";

  @Spec
  private CommandSpec spec;

  @Option(names = {"-p", "--port"}, defaultValue = "16180",
      description = "TCP port to listen on; 0 picks a free port (default: ${DEFAULT-VALUE}).")
  private int port;

  @Option(names = {"-l", "--listen"}, defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
      description = "Address to listen on; 0.0.0.0 for all interfaces (default: ${DEFAULT-VALUE}).")
  private String listen;

  @Option(names = {"-m", "--memory-limit"}, defaultValue = "100", paramLabel = "MB",
      description = "Memory for items in megabytes (default: ${DEFAULT-VALUE}).")
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

  /** Runs the node until SIGTERM; exits with 0, or 2 for a bad flag, 1 if it cannot listen. */
  public static void main(String[] args) {
    CommandLine cmd = new CommandLine(new ServerMain());
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setParameterExceptionHandler((ex, ignored) -> {
      PrintWriter err = ex.getCommandLine().getErr();
      err.println("cacheman-server: " + ex.getMessage().replace('\n', ' ').trim()
          + " (try --help)");
      err.flush();
      return 2;
    });
    System.exit(cmd.execute(args));
  }

  @Override
  public Integer call() {
    ServerConfig config;
    try {
      ServerConfig.Builder b = ServerConfig.builder().port(port).listenAddress(listen)
          .memoryLimitBytes(Math.multiplyExact(memoryLimitMb, 1L << 20))
          .maxConnections(maxConnections).maxItemSize(maxItemSize).eviction(eviction);
      if (threads != null) {
        b.threads(threads);
      }
      config = b.build();
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    configureLogging();
    Logger log = LoggerFactory.getLogger(ServerMain.class);
    CachemanServer server;
    try {
      server = CachemanServer.start(config);
    } catch (java.io.UncheckedIOException e) {
      log.error("{}", e.getMessage());
      return 1;
    }
    log.info("cacheman-server {} listening on {}:{} ({}, pid {})", CachemanServer.version(),
        server.address().getHostString(), server.port(), config,
        ProcessHandle.current().pid());
    adviseOnHeap(log, config.memoryLimitBytes());
    Runnable stop = () -> {
      log.info("shutting down: no new connections, finishing replies in flight");
      server.close();
    };
    Signals.onTermination(stop);
    server.awaitClosed();
    log.info("stopped; final stats: {}", summary(server.stats()));
    if (logbackIsBound()) {
      LogbackSetup.stop();
    }
    return 0;
  }

  /** The JVM heap holds the items: say so when it is too small, or unbounded for practical use. */
  private static void adviseOnHeap(Logger log, long limit) {
    long heap = Runtime.getRuntime().maxMemory();
    long advised = 2 * limit + (64L << 20);
    if (heap < limit + limit / 2) {
      log.warn("the JVM heap ({} MB) is too small for the memory limit ({} MB); stores may fail "
          + "with SERVER_ERROR out of memory; run java -Xmx{}m -jar ...", heap >> 20, limit >> 20,
          advised >> 20);
    } else if (heap > 2 * advised) {
      log.info("the JVM heap may grow to {} MB; to bound resident memory to about twice the "
          + "memory limit, run java -Xmx{}m -jar ... (see docs/server.md)", heap >> 20,
          advised >> 20);
    }
  }

  private static String summary(Map<String, Object> stats) {
    StringBuilder sb = new StringBuilder();
    for (String name : new String[] {"uptime", "total_connections", "rejected_connections",
        "cmd_get", "get_hits", "get_misses", "cmd_set", "curr_items", "total_items", "bytes",
        "evictions", "reclaimed", "bytes_read", "bytes_written"}) {
      sb.append(sb.length() == 0 ? "" : " ").append(name).append('=').append(stats.get(name));
    }
    return sb.toString();
  }

  /**
   * Loads the server's logback configuration, unless the user chose one with {@code
   * -Dlogback.configurationFile} or runs another slf4j binding. It is not named {@code
   * logback.xml}, so an application embedding the server never picks it up by accident.
   */
  private static void configureLogging() {
    if (System.getProperty("logback.configurationFile") != null) {
      return;
    }
    URL config = ServerMain.class.getResource(LOG_CONFIG);
    if (config != null && logbackIsBound()) {
      LogbackSetup.configure(config);
    }
  }

  private static boolean logbackIsBound() {
    return LoggerFactory.getILoggerFactory().getClass().getName()
        .equals("ch.qos.logback.classic.LoggerContext");
  }

  /** Reports the version from the build. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"cacheman-server " + CachemanServer.version()};
    }
  }

  /** Parses memcached-style sizes: bytes, or a number with a k or m (or g) suffix. */
  static final class SizeConverter implements CommandLine.ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      String v = value.trim().toLowerCase();
      long unit = 1;
      if (v.endsWith("k") || v.endsWith("m") || v.endsWith("g")) {
        char suffix = v.charAt(v.length() - 1);
        unit = suffix == 'k' ? 1L << 10 : suffix == 'm' ? 1L << 20 : 1L << 30;
        v = v.substring(0, v.length() - 1);
      }
      try {
        long bytes = Math.multiplyExact(Long.parseLong(v), unit);
        if (bytes <= 0 || bytes > Integer.MAX_VALUE) {
          throw new NumberFormatException();
        }
        return (int) bytes;
      } catch (NumberFormatException | ArithmeticException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not a size (bytes, or a number with a k or m suffix)");
      }
    }
  }
}
