package io.cacheman.config.internal;

import io.cacheman.config.ConfigException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code .properties} format line by line, keeping the line each entry starts on, so
 * that errors can point at it. {@link java.util.Properties} cannot be used: it forgets lines and
 * silently keeps the last of two equal keys.
 *
 * <p>The syntax is that of {@link java.util.Properties#load(java.io.Reader)}: {@code #} and
 * {@code !} comment lines, blank lines, {@code key=value}, {@code key: value} or
 * {@code key value}, backslash escapes (<code>\t \n \r \f \\ &#92;uXXXX</code>), and a line ending in an
 * odd number of backslashes continues on the next one (whose leading blanks are dropped). One
 * difference: values are trimmed at both ends, because trailing blanks in a setting are always
 * an accident.
 */
public final class PropertiesReader {

  /** One {@code key = value} pair and the 1-based line it starts on. */
  public record Entry(String key, String value, int line) {}

  private final String source;
  private final List<String> lines;

  private PropertiesReader(String source, String text) {
    this.source = source;
    this.lines = text.lines().toList();
  }

  /**
   * All entries of {@code text}, in order, including repeated keys.
   *
   * @param source names the text in error messages (a file path, for example)
   * @throws ConfigException for a malformed <code>&#92;uXXXX</code> escape
   */
  public static List<Entry> read(String source, String text) {
    return new PropertiesReader(source, text).readAll();
  }

  private List<Entry> readAll() {
    List<Entry> entries = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      String first = stripLeading(lines.get(i));
      int startLine = ++i;
      if (first.isEmpty() || first.charAt(0) == '#' || first.charAt(0) == '!') {
        continue; // comments never continue, even when they end in a backslash
      }
      // Join continuation lines, keeping each marker as a backslash + newline so that escapes
      // are decoded in one place.
      StringBuilder logical = new StringBuilder(first);
      String last = first;
      while (endsWithContinuation(last) && i < lines.size()) {
        last = stripLeading(lines.get(i++));
        logical.append('\n').append(last);
      }
      Entry entry = parse(logical.toString(), startLine);
      if (entry != null) {
        entries.add(entry);
      }
    }
    return entries;
  }

  private static boolean endsWithContinuation(String line) {
    int backslashes = 0;
    for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
      backslashes++;
    }
    return backslashes % 2 == 1;
  }

  private Entry parse(String logical, int line) {
    StringBuilder key = new StringBuilder();
    int i = unescapeInto(logical, 0, key, true, line);
    // Skip blanks, at most one '=' or ':', then blanks again.
    while (i < logical.length() && isBlank(logical.charAt(i))) {
      i++;
    }
    if (i < logical.length() && (logical.charAt(i) == '=' || logical.charAt(i) == ':')) {
      i++;
    }
    while (i < logical.length() && isBlank(logical.charAt(i))) {
      i++;
    }
    StringBuilder value = new StringBuilder();
    unescapeInto(logical, i, value, false, line);
    String k = key.toString();
    return k.isEmpty() && value.length() == 0 ? null : new Entry(k, value.toString().strip(), line);
  }

  /** Decodes escapes from {@code from} until the end, or (for a key) an unescaped separator; returns where it stopped. */
  private int unescapeInto(String s, int from, StringBuilder out, boolean isKey, int line) {
    int i = from;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\\') {
        if (i + 1 >= s.length()) {
          return s.length(); // a continuation marker on the last line: nothing follows
        }
        char next = s.charAt(i + 1);
        if (next == '\n') {
          i += 2; // continuation: the next line's leading blanks are already gone
          continue;
        }
        i += 2;
        switch (next) {
          case 't' -> out.append('\t');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 'f' -> out.append('\f');
          case 'u' -> {
            out.append(unicodeEscape(s, i, line));
            i += 4;
          }
          default -> out.append(next);
        }
        continue;
      }
      if (isKey && (c == '=' || c == ':' || isBlank(c))) {
        return i;
      }
      out.append(c);
      i++;
    }
    return i;
  }

  private char unicodeEscape(String s, int at, int line) {
    if (at + 4 <= s.length() && s.substring(at, at + 4).chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      return (char) Integer.parseInt(s.substring(at, at + 4), 16);
    }
    String escape = s.substring(at - 2, Math.min(at + 4, s.length())).replace("\n", "");
    throw new ConfigException(source, line, firstToken(s), null,
        "has a malformed escape " + escape + " (expected \\u and four hex digits)");
  }

  private static String firstToken(String logical) {
    int end = 0;
    while (end < logical.length() && !isBlank(logical.charAt(end))
        && logical.charAt(end) != '=' && logical.charAt(end) != ':') {
      end++;
    }
    return logical.substring(0, end);
  }

  private static String stripLeading(String s) {
    int i = 0;
    while (i < s.length() && isBlank(s.charAt(i))) {
      i++;
    }
    return s.substring(i);
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\f';
  }
}
