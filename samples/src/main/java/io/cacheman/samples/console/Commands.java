package io.cacheman.samples.console;

import io.cacheman.Cache;
import io.cacheman.NodeStats;
import io.cacheman.config.Hashing;
import io.cacheman.samples.console.ConsoleSession.ConsoleException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * The console's commands, one picocli subcommand each. Output is plain text a script can parse:
 * values on stdout, one per line; diagnostics on stderr. Every command returns an exit code of
 * {@link ConsoleSession}: 0 done, 1 the operation failed (or found nothing), 2 bad usage.
 */
@Command(name = "", subcommands = {
    Commands.Connect.class, Commands.Get.class, Commands.Set.class, Commands.Delete.class,
    Commands.Incr.class, Commands.Decr.class, Commands.Stats.class, Commands.Route.class,
    Commands.Nodes.class, StressCommand.class, Commands.Help.class, Commands.Quit.class})
final class Commands {
  final ConsoleSession session;

  Commands(ConsoleSession session) {
    this.session = session;
  }

  /** Names of all commands, for help and tab completion. */
  static List<String> names() {
    return List.copyOf(new CommandLine(new Commands(null)).getSubcommands().keySet());
  }

  /** Runs one command line already split into words. */
  static int execute(ConsoleSession session, String... words) {
    if (words.length == 0) {
      return ConsoleSession.OK;
    }
    if (!names().contains(words[0])) {
      session.err().println("unknown command '" + words[0] + "' (try 'help')");
      session.err().flush();
      return ConsoleSession.USAGE;
    }
    CommandLine cl = new CommandLine(new Commands(session));
    cl.setOut(session.out());
    cl.setErr(session.err());
    cl.setParameterExceptionHandler((e, args) -> {
      session.err().println(e.getMessage() + " (usage: " + usage(e.getCommandLine()) + ")");
      return ConsoleSession.USAGE;
    });
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      session.err().println("error: " + e.getMessage());
      return ConsoleSession.exitCodeOf(e);
    });
    int code = cl.execute(words);
    session.out().flush();
    session.err().flush();
    return code;
  }

  static String usage(CommandLine cmd) {
    return cmd.getCommandSpec().usageMessage().customSynopsis().length > 0
        ? cmd.getCommandSpec().usageMessage().customSynopsis()[0]
        : cmd.getCommandName();
  }

  @Command(name = "connect", description = "connect to nodes: host:port[,host:port...] or --config FILE",
      customSynopsis = "connect host:port[,host:port...] [--hashing modulo|ketama] | connect --config FILE")
  static final class Connect implements Callable<Integer> {
    @ParentCommand Commands root;
    @Parameters(arity = "0..1", paramLabel = "NODES") String nodes;
    @Option(names = "--config", paramLabel = "FILE") Path configFile;
    @Option(names = "--hashing", defaultValue = "modulo") String hashing;

    @Override
    public Integer call() {
      if ((nodes == null) == (configFile == null)) {
        throw new ConsoleException("connect needs either host:port[,host:port...] or --config FILE");
      }
      if (configFile != null) {
        root.session.connect(configFile);
      } else {
        root.session.connect(nodes, Hashing.valueOf(hashing.trim().toUpperCase()));
      }
      root.session.out().println("connected to " + root.session.config().nodes() + " ("
          + root.session.config().hashing().name().toLowerCase() + ")");
      return ConsoleSession.OK;
    }
  }

  @Command(name = "get", description = "print the value of each key (exit 1 if any is missing)",
      customSynopsis = "get KEY...")
  static final class Get implements Callable<Integer> {
    @ParentCommand Commands root;
    @Parameters(arity = "1..*", paramLabel = "KEY") List<String> keys;

    @Override
    public Integer call() {
      Cache<Object> cache = root.session.cache();
      if (keys.size() == 1) {
        Object value = cache.get(keys.get(0));
        return printValue(keys.get(0), value, false);
      }
      Map<String, Object> found = cache.getMulti(keys);
      int code = ConsoleSession.OK;
      for (String key : keys) {
        code = Math.max(code, printValue(key, found.get(key), true));
      }
      return code;
    }

    private int printValue(String key, Object value, boolean withKey) {
      if (value == null) {
        root.session.err().println(key + ": not found");
        return ConsoleSession.FAILED;
      }
      String text = value instanceof byte[] ? new String((byte[]) value, java.nio.charset.StandardCharsets.UTF_8)
          : String.valueOf(value);
      root.session.out().println(withKey ? key + "\t" + text : text);
      return ConsoleSession.OK;
    }
  }

  @Command(name = "set",
      description = "store a value, optionally with a TTL in seconds; quote a value with spaces: \"a b\"",
      customSynopsis = "set KEY VALUE [TTL-SECONDS]")
  static final class Set implements Callable<Integer> {
    @ParentCommand Commands root;
    @Parameters(index = "0", paramLabel = "KEY") String key;
    @Parameters(index = "1", paramLabel = "VALUE") String value;
    @Parameters(index = "2", arity = "0..1", paramLabel = "TTL") Long ttlSeconds;

    @Override
    public Integer call() {
      if (ttlSeconds != null && ttlSeconds < 0) {
        throw new ConsoleException("TTL must not be negative: " + ttlSeconds);
      }
      Duration ttl = ttlSeconds == null ? root.session.config().defaultTtl() : Duration.ofSeconds(ttlSeconds);
      boolean stored = root.session.cache().set(key, value, ttl);
      root.session.out().println(stored ? "STORED" : "NOT_STORED");
      return stored ? ConsoleSession.OK : ConsoleSession.FAILED;
    }
  }

  @Command(name = "delete", description = "remove a key", customSynopsis = "delete KEY")
  static final class Delete implements Callable<Integer> {
    @ParentCommand Commands root;
    @Parameters(paramLabel = "KEY") String key;

    @Override
    public Integer call() {
      boolean deleted = root.session.cache().delete(key);
      root.session.out().println(deleted ? "DELETED" : "NOT_FOUND");
      return deleted ? ConsoleSession.OK : ConsoleSession.FAILED;
    }
  }

  @Command(name = "incr", description = "add to a counter (default 1); prints the new value",
      customSynopsis = "incr KEY [DELTA]")
  static final class Incr implements Callable<Integer> {
    @ParentCommand Commands root;
    @Parameters(index = "0", paramLabel = "KEY") String key;
    @Parameters(index = "1", arity = "0..1", defaultValue = "1", paramLabel = "DELTA") long delta;

    @Override
    public Integer call() {
      return printCounter(root, key, root.session.cache().incr(key, requireDelta(delta)));
    }
  }

  @Command(name = "decr", description = "subtract from a counter (default 1, stops at 0); prints the new value",
      customSynopsis = "decr KEY [DELTA]")
  static final class Decr implements Callable<Integer> {
    @ParentCommand Commands root;
    @Parameters(index = "0", paramLabel = "KEY") String key;
    @Parameters(index = "1", arity = "0..1", defaultValue = "1", paramLabel = "DELTA") long delta;

    @Override
    public Integer call() {
      return printCounter(root, key, root.session.cache().decr(key, requireDelta(delta)));
    }
  }

  private static long requireDelta(long delta) {
    if (delta < 0) {
      throw new ConsoleException("DELTA must not be negative: " + delta);
    }
    return delta;
  }

  private static int printCounter(Commands root, String key, OptionalLong value) {
    if (value.isEmpty()) {
      root.session.err().println(key + ": not found");
      return ConsoleSession.FAILED;
    }
    root.session.out().println(Long.toUnsignedString(value.getAsLong()));
    return ConsoleSession.OK;
  }

  @Command(name = "stats", description = "the nodes' own stats (all nodes, or one): node<TAB>stat<TAB>value",
      customSynopsis = "stats [host:port]")
  static final class Stats implements Callable<Integer> {
    @ParentCommand Commands root;
    @Parameters(arity = "0..1", paramLabel = "NODE") String node;

    @Override
    public Integer call() {
      Map<String, Map<String, String>> all = root.session.cache().admin().serverStats();
      if (node != null && !all.containsKey(node)) {
        throw new ConsoleException("no node " + node + " (nodes: " + all.keySet() + ")");
      }
      int code = ConsoleSession.OK;
      for (Map.Entry<String, Map<String, String>> e : all.entrySet()) {
        if (node != null && !node.equals(e.getKey())) {
          continue;
        }
        if (e.getValue().isEmpty()) {
          root.session.err().println(e.getKey() + ": unreachable");
          code = ConsoleSession.FAILED;
        }
        e.getValue().forEach((stat, value) -> root.session.out().println(e.getKey() + "\t" + stat + "\t" + value));
      }
      return code;
    }
  }

  @Command(name = "route", description = "the node each key lives on under the current hashing: key<TAB>host:port",
      customSynopsis = "route KEY...")
  static final class Route implements Callable<Integer> {
    @ParentCommand Commands root;
    @Parameters(arity = "1..*", paramLabel = "KEY") List<String> keys;

    @Override
    public Integer call() {
      for (String key : keys) {
        root.session.out().println(key + "\t" + root.session.cache().admin().nodeFor(key));
      }
      return ConsoleSession.OK;
    }
  }

  @Command(name = "nodes", description = "each node as this client sees it: state (UP, OUT, PROBING), ops, errors, p99",
      customSynopsis = "nodes")
  static final class Nodes implements Callable<Integer> {
    @ParentCommand Commands root;

    @Override
    public Integer call() {
      for (NodeStats n : root.session.cache().admin().stats().nodes()) {
        root.session.out().printf("%s\t%s\tops=%d\terrors=%d\ttimeouts=%d\tp99=%dus%n", n.node(), n.state(),
            n.operations(), n.errors(), n.timeouts(), n.latencyP99().toNanos() / 1000);
      }
      return ConsoleSession.OK;
    }
  }

  @Command(name = "help", description = "list the commands", customSynopsis = "help")
  static final class Help implements Callable<Integer> {
    @ParentCommand Commands root;

    @Override
    public Integer call() {
      CommandLine all = new CommandLine(new Commands(root.session));
      // the map holds each command under its aliases too (quit and exit): list each command once
      for (CommandLine cmd : new LinkedHashSet<>(all.getSubcommands().values())) {
        String description = String.join(" ", cmd.getCommandSpec().usageMessage().description());
        root.session.out().printf("  %-58s %s%n", usage(cmd), description);
      }
      return ConsoleSession.OK;
    }
  }

  @Command(name = "quit", aliases = "exit", description = "leave the console (or: exit)", customSynopsis = "quit")
  static final class Quit implements Callable<Integer> {
    @Override
    public Integer call() {
      return ConsoleSession.OK;
    }
  }
}
