package io.cacheman.samples.console;

import io.cacheman.Cache;
import io.cacheman.Cacheman;
import io.cacheman.config.CachemanConfig;
import io.cacheman.config.ConfigException;
import io.cacheman.config.ConfigLoader;
import io.cacheman.config.Hashing;
import io.cacheman.config.NodeAddress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What one console holds between commands: the client it is connected to and where output goes.
 * Commands are parsed and run by {@link Commands}; this class owns the connection's lifecycle.
 */
final class ConsoleSession implements AutoCloseable {
  /** The process exit codes of the one-shot mode, also returned by every command. */
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  /**
   * The exit code for a command that threw {@code e}: {@link #USAGE} when the input was wrong (a
   * bad node, key or argument: {@link ConsoleException} or {@link IllegalArgumentException}),
   * {@link #FAILED} when the operation was (a node unreachable, a timeout).
   */
  static int exitCodeOf(Exception e) {
    return e instanceof ConsoleException || e instanceof IllegalArgumentException ? USAGE : FAILED;
  }

  private final PrintWriter out;
  private final PrintWriter err;
  private Cache<Object> cache;
  private CachemanConfig config;
  private UnaryOperator<CachemanConfig.Builder> overrides = c -> c;

  ConsoleSession(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  PrintWriter out() {
    return out;
  }

  PrintWriter err() {
    return err;
  }

  /** Connects to the nodes of a {@code cacheman.properties} file. */
  void connect(Path configFile) {
    use(ConfigLoader.load(configFile));
  }

  /** Connects to {@code host:port[,host:port…]} with default settings. */
  void connect(String nodeList, Hashing hashing) {
    List<NodeAddress> nodes = new ArrayList<>();
    for (String node : nodeList.split(",")) {
      nodes.add(parseNode(node.trim()));
    }
    use(CachemanConfig.builder().nodes(nodes).hashing(hashing).build());
  }

  /**
   * Connects with the default lookup of {@code cacheman.properties}; false if none was found. A
   * file that is found but broken is an error, not "none found": its message names the line.
   */
  boolean connectByDefault() {
    try {
      ConfigLoader.locate();
    } catch (ConfigException nothingFound) {
      return false;
    }
    use(ConfigLoader.load());
    return true;
  }

  boolean connected() {
    return cache != null;
  }

  /** The client; throws a one-line {@link ConsoleException} when not connected. */
  Cache<Object> cache() {
    if (cache == null) {
      throw new ConsoleException("not connected: use 'connect host:port[,host:port...]' or start with --config FILE");
    }
    return cache;
  }

  CachemanConfig config() {
    cache();
    return config;
  }

  /** Settings laid over every config this session connects with (the command line's TLS and login). */
  void override(UnaryOperator<CachemanConfig.Builder> settings) {
    overrides = settings;
  }

  private void use(CachemanConfig given) {
    CachemanConfig newConfig = overrides.apply(given.toBuilder()).build();
    Cache<Object> opened = Cacheman.open(newConfig);
    close();
    cache = opened;
    config = newConfig;
  }

  static NodeAddress parseNode(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new ConsoleException("not a node: '" + text + "' (expected host:port, such as 127.0.0.1:16180)");
    }
    String host = text.substring(0, colon);
    try {
      return NodeAddress.of(host, Integer.parseInt(text.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new ConsoleException("not a port in '" + text + "': " + text.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw new ConsoleException("not a node: '" + text + "': " + e.getMessage());
    }
  }

  @Override
  public void close() {
    if (cache != null) {
      cache.close();
      cache = null;
      config = null;
    }
  }

  /** A failure worth one line to the user, never a stack trace. */
  static final class ConsoleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConsoleException(String message) {
      super(message);
    }
  }
}
