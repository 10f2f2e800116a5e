package io.cacheman.reliability.soak;

import io.cacheman.reliability.node.NodeProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Once a minute: every node's {@link NodeVitals} and the client's error count so far; at the end,
 * the table of those minutes and, per node and figure, the least-squares slope per hour (a flat
 * line is what a node that leaks nothing shows). A node that was killed restarts from scratch, so
 * its slope is taken over the minutes since its last restart.
 *
 * <p>Thread-safe (synchronized); called from the soak's main thread.
 */
final class MinuteLog {
  /** One node at one minute. */
  record Row(int minute, int node, NodeVitals vitals, long clientErrors, long hostileOps) {}

  private final List<Row> rows = new ArrayList<>();
  private final int[] lastRestartMinute;

  MinuteLog(int nodes) {
    this.lastRestartMinute = new int[nodes];
  }

  synchronized void record(int minute, List<NodeProcess> nodes, long clientErrors,
      long hostileOps) {
    for (int i = 0; i < nodes.size(); i++) {
      rows.add(new Row(minute, i, NodeVitals.of(nodes.get(i)), clientErrors, hostileOps));
    }
  }

  /** Node {@code node} was killed and restarted during minute {@code minute}. */
  synchronized void restarted(int node, int minute) {
    lastRestartMinute[node] = minute + 1;
  }

  synchronized List<Row> rows() {
    return List.copyOf(rows);
  }

  synchronized String markdown() {
    StringBuilder md = new StringBuilder("### Every minute\n\n");
    md.append("| minute | node | RSS MB | heap after GC MB | threads | FDs | evictions "
        + "| client errors (total) | hostile requests (total) |\n|---|---|---|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      NodeVitals v = r.vitals();
      md.append(String.format("| %d | %d | %s | %s | %s | %s | %s | %,d | %,d |%n", r.minute(),
          r.node(), mb(v.rssBytes()), mb(v.heapAfterGcBytes()), n(v.threads()), n(v.fds()),
          n(v.evictions()), r.clientErrors(), r.hostileOps()));
    }
    md.append("\n### Slopes (least squares, per hour; over the minutes since each node's last "
        + "restart)\n\n| node | from minute | RSS MB/h | heap after GC MB/h | threads/h | FDs/h "
        + "| evictions/h |\n|---|---|---|---|---|---|---|\n");
    for (int node = 0; node < lastRestartMinute.length; node++) {
      int from = lastRestartMinute[node];
      md.append(String.format("| %d | %d | %s | %s | %s | %s | %s |%n", node, from,
          slope(node, from, v -> v.rssBytes(), 1 << 20), slope(node, from, v -> v.heapAfterGcBytes(), 1 << 20),
          slope(node, from, NodeVitals::threads, 1), slope(node, from, NodeVitals::fds, 1),
          slope(node, from, NodeVitals::evictions, 1)));
    }
    return md.toString();
  }

  /** Least-squares slope of a figure of one node, in units per hour; "n/a" under 3 points. */
  private String slope(int node, int fromMinute, ToLongFunction<NodeVitals> figure, long unit) {
    List<double[]> points = new ArrayList<>();
    for (Row r : rows) {
      long y = figure.applyAsLong(r.vitals());
      if (r.node() == node && r.minute() >= fromMinute && y >= 0) {
        points.add(new double[] {r.minute(), (double) y / unit});
      }
    }
    if (points.size() < 3) {
      return "n/a";
    }
    double mx = points.stream().mapToDouble(p -> p[0]).average().orElse(0);
    double my = points.stream().mapToDouble(p -> p[1]).average().orElse(0);
    double num = 0;
    double den = 0;
    for (double[] p : points) {
      num += (p[0] - mx) * (p[1] - my);
      den += (p[0] - mx) * (p[0] - mx);
    }
    return den == 0 ? "n/a" : String.format("%+.2f", num / den * 60);
  }

  private static String mb(long bytes) {
    return bytes < 0 ? "–" : Long.toString(bytes >> 20);
  }

  private static String n(long v) {
    return v < 0 ? "–" : String.format("%,d", v);
  }
}
