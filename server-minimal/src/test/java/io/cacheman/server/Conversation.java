package io.cacheman.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A scripted conversation from {@code src/test/resources/conversations}: the bytes a client
 * sends. File format: lines starting with {@code #} are comments; line breaks in the file mean
 * nothing (write {@code \r\n} where the protocol needs one); escapes are {@code \r \n \t \0 \\}
 * and {@code \xHH}; {@code {N*c}} stands for N copies of the character c (e.g. a 251-byte key).
 *
 * <p>A line {@code #cacheman-only <reply line>} declares a reply Cacheman sends where memcached
 * sends nothing: a deliberate difference listed in docs/server.md (today only error lines for
 * commands sent with {@code noreply}). Declare them in the order they are answered; the line end
 * {@code \r\n} is implied.
 */
final class Conversation {
  private static final Pattern REPEAT = Pattern.compile("\\{(\\d+)\\*(.)}");
  private static final String CACHEMAN_ONLY = "#cacheman-only ";
  final String name;
  final byte[] request;
  /** Reply lines (with their {@code \r\n}) only Cacheman sends, in order. */
  final List<String> cachemanOnly;

  private Conversation(String name, byte[] request, List<String> cachemanOnly) {
    this.name = name;
    this.request = request;
    this.cachemanOnly = cachemanOnly;
  }

  static List<Conversation> all() {
    return all("/conversations");
  }

  /** Every conversation in a resource directory, by name. */
  static List<Conversation> all(String resourceDir) {
    URL dir = Conversation.class.getResource(resourceDir);
    try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
      return files.filter(p -> p.toString().endsWith(".txt")).sorted()
          .map(Conversation::load).collect(Collectors.toList());
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("cannot list conversations", e);
    }
  }

  private static Conversation load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<String> cachemanOnly = text.lines().filter(l -> l.startsWith(CACHEMAN_ONLY))
          .map(l -> l.substring(CACHEMAN_ONLY.length()) + "\r\n").collect(Collectors.toList());
      return new Conversation(file.getFileName().toString(), parse(text), cachemanOnly);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] parse(String text) {
    StringBuilder joined = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (!line.startsWith("#")) {
        joined.append(line);
      }
    }
    Matcher m = REPEAT.matcher(joined);
    StringBuilder expanded = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(expanded,
          Matcher.quoteReplacement(m.group(2).repeat(Integer.parseInt(m.group(1)))));
    }
    m.appendTail(expanded);
    return unescape(expanded.toString());
  }

  private static byte[] unescape(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 'r': out.write('\r'); break;
        case 'n': out.write('\n'); break;
        case 't': out.write('\t'); break;
        case '0': out.write(0); break;
        case '\\': out.write('\\'); break;
        case 'x':
          out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
          i += 2;
          break;
        default: throw new IllegalArgumentException("unknown escape \\" + e);
      }
    }
    return out.toByteArray();
  }

  @Override
  public String toString() {
    return name;
  }
}
