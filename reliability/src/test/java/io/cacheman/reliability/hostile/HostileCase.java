package io.cacheman.reliability.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One hostile conversation from {@code hostile-inputs.txt}: bytes to send, and the exact bytes or
 * close expected back.
 *
 * <h2>File format</h2>
 * <pre>
 * case A1 an unknown command gets ERROR and the connection stays open
 * send boguscommand x\r\n
 * expect ERROR\r\n
 * open
 * </pre>
 * Steps: {@code send TEXT}; {@code trickle MILLIS TEXT} (one byte at a time);
 * {@code expect TEXT} (exactly these bytes arrive next); {@code line PREFIX} (the next line
 * starts with PREFIX); {@code closed} (the server closes with
 * nothing more to say); {@code open} (a {@code version} on this connection still answers);
 * {@code advance SECONDS} (move the node's clock; server-minimal only); {@code advance-until-closed
 * SECONDS} (move it by that much, again and again, until the node closes the connection: the node
 * may read the last bytes after the first step, which restarts its deadline). A step prefixed
 * {@code mc:} applies only to memcached and {@code cm:} only to Cacheman: that is how the file
 * records where memcached 1.6.18 differs. In TEXT: {@code \r \n \t \0 \\ \xHH}, and
 * {@code {N*abc}} repeats {@code abc} N times.
 *
 * @param id the RELIABILITY.md §A item, e.g. {@code A5}
 * @param title what the case shows
 * @param steps in order
 */
record HostileCase(String id, String title, List<Step> steps) {

  /** Which server a step is for. */
  enum Target { BOTH, CACHEMAN, MEMCACHED }

  /** One line of a case. */
  record Step(Target target, String verb, byte[] bytes, long number) {
    boolean appliesTo(Target server) {
      return target == Target.BOTH || target == server;
    }
  }

  @Override
  public String toString() {
    return id + " " + title;
  }

  /** Reads every case of a resource. */
  static List<HostileCase> load(String resource) throws IOException {
    List<HostileCase> cases = new ArrayList<>();
    try (InputStream in = HostileCase.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("no resource " + resource);
      }
      String id = null;
      String title = null;
      List<Step> steps = new ArrayList<>();
      int lineNo = 0;
      for (String raw : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
        lineNo++;
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        if (line.startsWith("case ")) {
          if (id != null) {
            cases.add(new HostileCase(id, title, steps));
          }
          String[] parts = line.split(" ", 3);
          id = parts[1];
          title = parts.length > 2 ? parts[2] : "";
          steps = new ArrayList<>();
          continue;
        }
        if (id == null) {
          throw new IOException(resource + " line " + lineNo + ": a step before the first case");
        }
        steps.add(parseStep(line, resource, lineNo));
      }
      if (id != null) {
        cases.add(new HostileCase(id, title, steps));
      }
    }
    return cases;
  }

  private static Step parseStep(String line, String resource, int lineNo) throws IOException {
    Target target = Target.BOTH;
    if (line.startsWith("mc: ")) {
      target = Target.MEMCACHED;
      line = line.substring(4);
    } else if (line.startsWith("cm: ")) {
      target = Target.CACHEMAN;
      line = line.substring(4);
    }
    int space = line.indexOf(' ');
    String verb = space < 0 ? line : line.substring(0, space);
    String arg = space < 0 ? "" : line.substring(space + 1);
    switch (verb) {
      case "send", "expect", "line" -> {
        return new Step(target, verb, unescape(arg), 0);
      }
      case "trickle" -> {
        int s = arg.indexOf(' ');
        return new Step(target, verb, unescape(arg.substring(s + 1)), Long.parseLong(arg.substring(0, s)));
      }
      case "advance", "advance-until-closed" -> {
        return new Step(target, verb, new byte[0], Long.parseLong(arg));
      }
      case "closed", "open" -> {
        return new Step(target, verb, new byte[0], 0);
      }
      default -> throw new IOException(resource + " line " + lineNo + ": unknown step '" + verb + "'");
    }
  }

  /** Decodes the TEXT escapes and repeats. */
  static byte[] unescape(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{' && text.indexOf('*', i) > 0 && text.indexOf('}', i) > 0) {
        int star = text.indexOf('*', i);
        int end = text.indexOf('}', star);
        int times = Integer.parseInt(text.substring(i + 1, star));
        byte[] unit = unescape(text.substring(star + 1, end));
        for (int t = 0; t < times; t++) {
          out.writeBytes(unit);
        }
        i = end;
      } else if (c == '\\' && i + 1 < text.length()) {
        char e = text.charAt(++i);
        switch (e) {
          case 'r' -> out.write('\r');
          case 'n' -> out.write('\n');
          case 't' -> out.write('\t');
          case '0' -> out.write(0);
          case '\\' -> out.write('\\');
          case 'x' -> {
            out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
            i += 2;
          }
          default -> throw new IllegalArgumentException("unknown escape \\" + e + " in " + text);
        }
      } else {
        out.write(c);
      }
    }
    return out.toByteArray();
  }
}
