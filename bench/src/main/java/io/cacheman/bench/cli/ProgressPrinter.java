package io.cacheman.bench.cli;

import io.cacheman.bench.load.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/** Prints one progress line per second, e.g. {@code [  4s] measure  123,456 ops/s  hit 100.00%  p99 412 us}. */
final class ProgressPrinter implements ProgressListener {
  private final PrintWriter err;
  private final String label;

  ProgressPrinter(PrintWriter err, String label) {
    this.err = err;
    this.label = label.isEmpty() ? "" : label + " ";
  }

  @Override
  public void onInterval(Progress p) {
    err.printf(Locale.ROOT, "%s[%3ds] %-7s %12s ops/s  hit %7s  p99 %8s us  errors %s%n", label, p.second(),
        p.measuring() ? "measure" : "warmup", TextTable.count(p.opsPerSecond()), TextTable.percent(p.hitRatio()),
        TextTable.micros(p.p99Micros()), p.errors());
    err.flush();
  }
}
