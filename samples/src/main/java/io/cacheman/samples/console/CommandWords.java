package io.cacheman.samples.console;

import io.cacheman.samples.console.ConsoleSession.ConsoleException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a typed command line into words the way a POSIX shell quotes, so a value may hold spaces
 * and quotes: {@code set k "hello world"}, {@code set k 'say "hi"'}, {@code set k it\'s}.
 *
 * <ul>
 *   <li>Outside quotes, whitespace separates words and a backslash takes the next character as it is.
 *   <li>Inside double quotes, {@code \"} and {@code \\} stand for {@code "} and {@code \}; any other
 *       backslash is kept.
 *   <li>Inside single quotes every character is kept as it is, backslashes included.
 *   <li>Quoted and unquoted parts next to each other form one word; {@code ""} is an empty word.
 * </ul>
 *
 * <p>JLine's own parser is not used for this: it drops empty quoted words and reads backslashes
 * inside single quotes, so {@code set k "" 60} would lose its value.
 */
final class CommandWords {
  private CommandWords() {}

  /**
   * The words of {@code line}; throws a one-line {@link ConsoleException} for an unclosed quote or
   * a trailing backslash.
   */
  static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        i++;
        continue;
      }
      inWord = true;
      if (c == '\'') {
        i = singleQuoted(line, i + 1, word);
      } else if (c == '"') {
        i = doubleQuoted(line, i + 1, word);
      } else if (c == '\\') {
        if (i + 1 == line.length()) {
          throw new ConsoleException("a backslash at the end of the line escapes nothing: " + line);
        }
        word.append(line.charAt(i + 1));
        i += 2;
      } else {
        word.append(c);
        i++;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  /** Appends the text up to the closing single quote; returns the index after it. */
  private static int singleQuoted(String line, int from, StringBuilder word) {
    int close = line.indexOf('\'', from);
    if (close < 0) {
      throw unclosed("single", line);
    }
    word.append(line, from, close);
    return close + 1;
  }

  /** Appends the text up to the closing double quote, undoing its escapes; returns the index after it. */
  private static int doubleQuoted(String line, int from, StringBuilder word) {
    int i = from;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\' && i + 1 < line.length() && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
        word.append(line.charAt(i + 1));
        i += 2;
      } else {
        word.append(c);
        i++;
      }
    }
    throw unclosed("double", line);
  }

  private static ConsoleException unclosed(String kind, String line) {
    return new ConsoleException("unclosed " + kind + " quote in: " + line);
  }
}
