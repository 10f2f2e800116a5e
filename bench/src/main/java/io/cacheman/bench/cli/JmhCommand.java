package io.cacheman.bench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code jmh [REGEX] [JMH options]}: hands everything to JMH's own command line, so {@code -l}
 * lists the benchmarks, {@code -h} shows JMH's options and {@code -f 1 -wi 3 -i 5} work as usual.
 * JMH forks run from this same jar.
 */
@Command(name = "jmh", description = "Run the JMH micro-benchmarks: jmh [REGEX] [JMH options] (-l lists them, "
    + "-h shows JMH's options).")
public final class JmhCommand implements Callable<Integer> {
  @Parameters(paramLabel = "ARGS", description = "Passed to JMH unchanged.")
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    org.openjdk.jmh.Main.main(args.toArray(String[]::new));
    return 0;
  }
}
