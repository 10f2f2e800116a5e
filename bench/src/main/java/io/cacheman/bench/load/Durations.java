package io.cacheman.bench.load;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and writes the short durations the command line uses: {@code 500ms}, {@code 5s}, {@code 2m}. */
public final class Durations {
  private static final Pattern SHORT = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)");

  private Durations() {}

  /**
   * Parses {@code 500ms}, {@code 1.5s}, {@code 2m} or an ISO-8601 duration such as {@code PT5S}.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static Duration parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = SHORT.matcher(t);
    if (m.matches()) {
      double amount = Double.parseDouble(m.group(1));
      double millis = switch (m.group(2)) {
        case "ms" -> amount;
        case "s" -> amount * 1000;
        default -> amount * 60_000;
      };
      return Duration.ofNanos(Math.round(millis * 1_000_000));
    }
    try {
      return Duration.parse(text.trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("a duration looks like 500ms, 5s or 2m, was '" + text + "'");
    }
  }

  /** {@code 1.5s}, {@code 250ms}, {@code 2m}: the shortest exact unit. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 60_000 == 0 && ms > 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms >= 1000 ? (ms / 1000.0) + "s" : ms + "ms";
  }
}
