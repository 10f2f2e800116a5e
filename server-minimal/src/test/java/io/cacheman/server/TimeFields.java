package io.cacheman.server;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lets two replies differ by one second in the fields that report elapsed time: a meta reply's
 * {@code t} (TTL left) and {@code l} (since last access), and {@code me}'s {@code exp=} and
 * {@code la=}. Why: memcached's clock ticks once a second at a phase of its own (a timer started
 * with the process) and the node's at the wall clock's second boundaries, so when a second ends
 * between two commands of a conversation one server may count it and the other not; the
 * conversations never wait, so no other difference is explained by time.
 */
final class TimeFields {
  private static final Pattern META_LINE = Pattern.compile("^(VA|HD|EN|ME) .*");
  private static final Pattern TIME_TOKEN = Pattern.compile("(t|l|exp=|la=)(-?\\d+)");

  private TimeFields() {}

  /** {@code actual} with each such field replaced by {@code expected}'s when within one second. */
  static String align(String expected, String actual) {
    String[] want = expected.split("\r\n", -1);
    String[] got = actual.split("\r\n", -1);
    if (want.length != got.length) {
      return actual;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < got.length; i++) {
      out.append(i == 0 ? "" : "\r\n").append(alignLine(want[i], got[i]));
    }
    return out.toString();
  }

  private static String alignLine(String want, String got) {
    if (want.equals(got) || !META_LINE.matcher(got).matches()) {
      return got;
    }
    String[] w = want.split(" ", -1);
    String[] g = got.split(" ", -1);
    if (w.length != g.length) {
      return got;
    }
    for (int i = 1; i < g.length; i++) {
      Matcher mw = TIME_TOKEN.matcher(w[i]);
      Matcher mg = TIME_TOKEN.matcher(g[i]);
      if (!w[i].equals(g[i]) && mw.matches() && mg.matches() && mw.group(1).equals(mg.group(1))
          && Math.abs(Long.parseLong(mw.group(2)) - Long.parseLong(mg.group(2))) <= 1) {
        g[i] = w[i];
      }
    }
    return String.join(" ", g);
  }
}
