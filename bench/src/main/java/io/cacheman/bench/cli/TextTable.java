package io.cacheman.bench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A plain-text table: first column left-aligned, the others right-aligned, two spaces apart. */
final class TextTable {
  private final List<String[]> rows = new ArrayList<>();
  private final int columns;

  TextTable(String... headers) {
    columns = headers.length;
    rows.add(headers);
  }

  TextTable row(Object... cells) {
    if (cells.length != columns) {
      throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
    }
    String[] text = new String[columns];
    for (int i = 0; i < columns; i++) {
      text[i] = String.valueOf(cells[i]);
    }
    rows.add(text);
    return this;
  }

  String render() {
    int[] width = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    StringBuilder b = new StringBuilder();
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        String format = i == 0 ? "%-" + width[i] + "s" : "  %" + width[i] + "s";
        b.append(String.format(Locale.ROOT, format, row[i]));
      }
      b.append(System.lineSeparator());
    }
    return b.toString();
  }

  /** {@code 123,456}. */
  static String count(double n) {
    return String.format(Locale.ROOT, "%,.0f", n);
  }

  /** {@code 99.81%}, or {@code -} without data. */
  static String percent(double ratio) {
    return Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2f%%", ratio * 100);
  }

  /** Microseconds with sensible precision, or {@code -} without data. */
  static String micros(double us) {
    if (Double.isNaN(us)) {
      return "-";
    }
    return String.format(Locale.ROOT, us < 100 ? "%.1f" : "%,.0f", us);
  }

  /** CPU microseconds per request with two decimals (a few to a few tens), or {@code -} without data. */
  static String cpu(double us) {
    return Double.isNaN(us) ? "-" : String.format(Locale.ROOT, "%.2f", us);
  }

  /**
   * CPU microseconds per key with three decimals (a wide multi-get spends well under 1 µs a key),
   * or {@code -} without data.
   */
  static String cpuPerKey(double us) {
    return Double.isNaN(us) ? "-" : String.format(Locale.ROOT, "%.3f", us);
  }

  /** {@code 1.23x}. */
  static String ratio(double r) {
    return Double.isNaN(r) ? "-" : String.format(Locale.ROOT, "%.2fx", r);
  }
}
