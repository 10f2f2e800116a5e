package io.cacheman.reliability;

import io.cacheman.reliability.soak.SoakRun;
import io.cacheman.reliability.soak.SoakSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The soak test: minutes of checked mixed load on a few server-minimal node processes, one node
 * killed ({@code kill -9}) and restarted on its port every {@code --kill-every}, and the figures of
 * RELIABILITY.md §C printed at the end (and written as Markdown with {@code --out}).
 *
 * <pre>
 * mvn -B -q -o -pl reliability -am package -DskipTests
 * java -jar reliability/target/cacheman-reliability.jar --minutes 5 --out target/soak.md
 * # the hour-long soak of docs/RELIABILITY.md: half the measured peak, 20% hostile traffic,
 * # a node killed or paused every 4 minutes, figures every minute
 * java -jar reliability/target/cacheman-reliability.jar --minutes 60 --peak-for 20s \
 *     --load-fraction 0.5 --hostile-share 0.2 --kill-every 4m --pause-every-other --out soak.md
 * </pre>
 *
 * Exits 0 when nothing that must never happen did (no wrong-key, corrupted or phantom value, no
 * unexpected miss), 1 otherwise, 2 for bad options.
 */
@Command(name = "cacheman-soak", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Checked mixed load on node processes with a node killed and restarted periodically.")
public final class Soak implements Callable<Integer> {

  @Option(names = "--minutes", defaultValue = "5", description = "Run length in minutes (default: ${DEFAULT-VALUE}).")
  private double minutes;

  @Option(names = "--nodes", defaultValue = "3", description = "Node processes (default: ${DEFAULT-VALUE}).")
  private int nodes;

  @Option(names = "--threads", defaultValue = "8", description = "Client threads (default: ${DEFAULT-VALUE}).")
  private int threads;

  @Option(names = "--keys", defaultValue = "20000", description = "Distinct keys (default: ${DEFAULT-VALUE}).")
  private int keys;

  @Option(names = "--read-ratio", defaultValue = "0.8",
      description = "Share of reads; the rest are sets (default: ${DEFAULT-VALUE}).")
  private double readRatio;

  @Option(names = "--multi-get-ratio", defaultValue = "0.05",
      description = "Share of reads done as a 10-key multi-get (default: ${DEFAULT-VALUE}).")
  private double multiGetRatio;

  @Option(names = "--value-sizes", defaultValue = "32..4096", paramLabel = "MIN..MAX",
      description = "Value sizes in bytes, uniform (default: ${DEFAULT-VALUE}).")
  private String valueSizes;

  @Option(names = "--rate", defaultValue = "4000",
      description = "Target operations per second over all threads, 0 = unpaced (default: ${DEFAULT-VALUE}).")
  private int rate;

  @Option(names = "--kill-every", defaultValue = "60s",
      description = "Time between two node kills (default: ${DEFAULT-VALUE}).")
  private String killEvery;

  @Option(names = "--down-for", defaultValue = "5s",
      description = "How long a killed node stays down before its restart (default: ${DEFAULT-VALUE}).")
  private String downFor;

  @Option(names = "--op-timeout", defaultValue = "250ms", description = "Client operation timeout (default: ${DEFAULT-VALUE}).")
  private String opTimeout;

  @Option(names = "--retry-interval", defaultValue = "1s",
      description = "Client failover retry interval (default: ${DEFAULT-VALUE}).")
  private String retryInterval;

  @Option(names = "--node-memory-mb", defaultValue = "64", description = "Each node's -m (default: ${DEFAULT-VALUE}).")
  private int nodeMemoryMb;

  @Option(names = "--peak-for", defaultValue = "0s",
      description = "Measure the unpaced peak this long first and offer --load-fraction of it instead of --rate "
          + "(default: ${DEFAULT-VALUE}, use --rate).")
  private String peakFor;

  @Option(names = "--load-fraction", defaultValue = "0.5",
      description = "Share of the measured peak to offer (default: ${DEFAULT-VALUE}).")
  private double loadFraction;

  @Option(names = "--hostile-share", defaultValue = "0",
      description = "Share of all requests sent by misbehaving raw clients: slow readers, half-sent sets, binary "
          + "requests, idle connections (default: ${DEFAULT-VALUE}).")
  private double hostileShare;

  @Option(names = "--pause-every-other", description = "Make every second fault a SIGSTOP/SIGCONT of --down-for "
      + "instead of a kill -9 and restart.")
  private boolean pauseEveryOther;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the report as Markdown to FILE.")
  private Path out;

  /** Runs the soak. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new Soak()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    String[] sizes = valueSizes.split("\\.\\.");
    if (sizes.length != 2) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--value-sizes must look like 32..4096");
    }
    SoakSettings settings = new SoakSettings(Duration.ofMillis((long) (minutes * 60_000)), nodes, threads, keys,
        readRatio, multiGetRatio, Integer.parseInt(sizes[0]), Integer.parseInt(sizes[1]), rate,
        duration(killEvery), duration(downFor), duration(opTimeout), duration(retryInterval), nodeMemoryMb,
        duration(peakFor), loadFraction, hostileShare, pauseEveryOther);
    return SoakRun.run(settings, out) ? 0 : 1;
  }

  /** {@code 250ms}, {@code 5s}, {@code 2m}. */
  static Duration duration(String text) {
    String t = text.trim();
    try {
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      } else if (t.endsWith("s")) {
        return Duration.ofMillis((long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
      } else if (t.endsWith("m")) {
        return Duration.ofMillis((long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 60_000));
      }
    } catch (NumberFormatException e) {
      // fall through to the sentence below
    }
    throw new IllegalArgumentException("'" + text + "' is not a duration: write 250ms, 5s or 2m");
  }
}
