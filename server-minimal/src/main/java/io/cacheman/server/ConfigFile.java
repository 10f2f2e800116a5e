package io.cacheman.server;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The node's properties file ({@code --config FILE}): one {@code key = value} per line (a
 * {@code :} works as well as {@code =}), keys spelled as the long flags without their dashes,
 * blank lines and lines starting with {@code #} or {@code !} ignored. Values are taken
 * literally (no escapes, no continuation lines, no trailing comments), so what the operator
 * wrote is what the flag would have received. Each entry keeps its line number so an error can
 * point at it.
 */
final class ConfigFile {
  /** One {@code key = value} line. */
  record Entry(int line, String key, String value) {
    @Override
    public String toString() {
      return key + "=" + value;
    }
  }

  /** A file that cannot be read or used, described in one line. */
  static final class ConfigException extends Exception {
    ConfigException(String message) {
      super(message);
    }
  }

  /** Flags that are actions or name the file itself: they cannot be settings in it. */
  private static final List<String> COMMAND_LINE_ONLY = List.of("config", "health",
      "health-timeout", "help", "version");

  private final Path path;
  private final List<Entry> entries;

  private ConfigFile(Path path, List<Entry> entries) {
    this.path = path;
    this.entries = List.copyOf(entries);
  }

  /** Reads {@code path}, accepting only the keys in {@code validKeys}. */
  static ConfigFile read(Path path, Collection<String> validKeys) throws ConfigException {
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException("config file " + path + " does not exist");
    } catch (MalformedInputException e) {
      throw new ConfigException("config file " + path + " is not UTF-8 text (line "
          + firstBadLine(path) + "); save it as UTF-8");
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + path + ": " + e.getMessage());
    }
    List<Entry> entries = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      int lineNo = i + 1;
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
        continue;
      }
      int sep = separator(line);
      if (sep <= 0) {
        throw new ConfigException(path + " line " + lineNo + ": '" + line
            + "' is not of the form key = value");
      }
      String key = line.substring(0, sep).strip();
      String value = line.substring(sep + 1).strip();
      if (!validKeys.contains(key)) {
        throw new ConfigException(path + " line " + lineNo + ": unknown key '" + key
            + "' (value '" + value + "'); " + hint(key, validKeys));
      }
      Integer earlier = seen.putIfAbsent(key, lineNo);
      if (earlier != null) {
        throw new ConfigException(path + " line " + lineNo + ": key '" + key + "' (value '"
            + value + "') was already set on line " + earlier);
      }
      entries.add(new Entry(lineNo, key, value));
    }
    return new ConfigFile(path, entries);
  }

  Path path() {
    return path;
  }

  /** The entries in file order. */
  List<Entry> entries() {
    return entries;
  }

  /** A one-line error about {@code entry}: file, line, key and value, then the reason. */
  String errorAt(Entry entry, String reason) {
    return path + " line " + entry.line() + ": " + entry.key() + " = " + entry.value() + ": "
        + reason;
  }

  /** What to do about an unknown key: a flag that has no place in the file, or a near key. */
  private static String hint(String key, Collection<String> validKeys) {
    if (COMMAND_LINE_ONLY.contains(key)) {
      return "--" + key + " is given on the command line only, not in a config file";
    }
    String near = nearest(key, validKeys);
    if (editDistance(key.toLowerCase(), near) <= Math.max(3, key.length() / 2)) {
      return "did you mean '" + near + "'?";
    }
    return "valid keys: " + String.join(", ", validKeys);
  }

  /** The line number of the first line that is not UTF-8. */
  private static int firstBadLine(Path path) {
    try {
      byte[] bytes = Files.readAllBytes(path);
      int line = 1;
      int start = 0;
      for (int i = 0; i <= bytes.length; i++) {
        if (i == bytes.length || bytes[i] == '\n') {
          try {
            StandardCharsets.UTF_8.newDecoder()
                .decode(java.nio.ByteBuffer.wrap(bytes, start, i - start));
          } catch (CharacterCodingException e) {
            return line;
          }
          line++;
          start = i + 1;
        }
      }
    } catch (IOException e) {
      // read once already: if it fails now, the line stays unknown
    }
    return 1;
  }

  private static int separator(String line) {
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (ch == '=' || ch == ':') {
        return i;
      }
    }
    return -1;
  }

  /** The valid key closest to {@code key} by edit distance (ties: the first in order). */
  static String nearest(String key, Collection<String> validKeys) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : validKeys) {
      int d = editDistance(key.toLowerCase(), candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Levenshtein distance, two rows. */
  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(substitute, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
