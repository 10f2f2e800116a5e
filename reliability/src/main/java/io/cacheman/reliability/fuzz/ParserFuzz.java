package io.cacheman.reliability.fuzz;

import io.cacheman.reliability.node.Probe;
import io.cacheman.server.CachemanServer;
import io.cacheman.server.ServerConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Fuzzes server-minimal's command parser over the network: starts a node in this JVM, sends it
 * {@code --inputs} seeded hostile inputs ({@link FuzzInputs}) and checks that nothing crashed
 * ({@link CrashWatch}), that its event loop threads all still run, and that it still answers
 * {@code version} on a fresh connection.
 *
 * <pre>
 * java -cp "$(cat reliability/target/classpath.txt):reliability/target/classes" \
 *     io.cacheman.reliability.fuzz.ParserFuzz --inputs 1000000 --seed 1
 * </pre>
 *
 * Exits 0 when the node survived, 1 otherwise. The CI suite runs a 20,000-input sample of the
 * same code ({@code ParserFuzzTest}).
 */
@Command(name = "parser-fuzz", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Send seeded hostile inputs to an in-process server-minimal and check it survives.")
public final class ParserFuzz implements Callable<Integer> {

  /** What a fuzz run found. */
  public record Outcome(FuzzDriver.Result driven, long crashes, List<String> examples, int loopThreadsBefore,
      int loopThreadsAfter, boolean answersVersion) {
    /** True when the node survived everything. */
    public boolean survived() {
      return crashes == 0 && loopThreadsAfter == loopThreadsBefore && answersVersion;
    }

    /** One paragraph for logs and docs. */
    public String summary() {
      return String.format("inputs %,d (%,d bytes) in %.1f s (%.0f/s), connections %,d (%,d closed by the node), "
              + "probes %d, crashes %d %s, event loop threads %d -> %d, version answers: %s",
          driven.inputs(), driven.bytes(), driven.took().toMillis() / 1000.0, driven.rate(), driven.connections(),
          driven.closedByNode(), driven.probes(), crashes, examples, loopThreadsBefore, loopThreadsAfter,
          answersVersion);
    }
  }

  @Option(names = "--inputs", defaultValue = "1000000", description = "Inputs to send (default: ${DEFAULT-VALUE}).")
  private long inputs;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the inputs (default: ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--per-connection", defaultValue = "200",
      description = "Inputs sent on one connection before it is replaced (default: ${DEFAULT-VALUE}).")
  private int perConnection;

  /** Runs the fuzzer; exits 0 when the node survived. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new ParserFuzz()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    Outcome outcome = run(seed, inputs, perConnection);
    System.out.println(outcome.summary());
    return outcome.survived() ? 0 : 1;
  }

  /** Starts a node (16 MB, 1 MB items, 2 event loops), fuzzes it and stops it. */
  public static Outcome run(long seed, long count, int perConnection) throws IOException {
    ServerConfig config = ServerConfig.builder().port(0).memoryLimitBytes(16L << 20).threads(2).build();
    try (CrashWatch watch = new CrashWatch(); CachemanServer server = CachemanServer.start(config)) {
      int port = server.port();
      int before = loopThreads(port);
      FuzzDriver.Result driven = new FuzzDriver(port, perConnection, 10_000).run(seed, count);
      boolean answers = Probe.answersVersion(port, Duration.ofSeconds(10));
      return new Outcome(driven, watch.crashes(), watch.examples(), before, loopThreads(port), answers);
    }
  }

  private static int loopThreads(int port) {
    String prefix = "cacheman-" + port + "-";
    return (int) Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
  }
}
