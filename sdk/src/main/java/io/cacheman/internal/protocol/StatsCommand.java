package io.cacheman.internal.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import okio.Buffer;

/**
 * {@code stats} or {@code stats <group>} (such as {@code settings}): {@code STAT <name> <value>}
 * lines, then {@code END}. The result maps names to values in the order received.
 */
public final class StatsCommand extends Command<Map<String, String>> {
  /** More lines than any memcached stats group has; a longer reply is garbage. */
  static final int MAX_LINES = 100_000;
  private static final byte[] STAT = ascii("STAT ");
  private static final byte[] END = ascii("END");

  private final String group;
  private Map<String, String> stats = new LinkedHashMap<>();

  /** @param group the stats group, or empty for the general stats */
  public StatsCommand(String group) {
    if (!group.matches("[a-z_]*")) {
      throw new IllegalArgumentException("not a stats group: " + group);
    }
    this.group = group;
  }

  @Override
  public String name() {
    return group.isEmpty() ? "stats" : "stats " + group;
  }

  @Override
  public void encode(Buffer sink) {
    sink.writeUtf8(name()).write(CRLF);
  }

  @Override
  public boolean decode(ReplyReader reader) throws ProtocolException {
    while (reader.readLine()) {
      if (reader.lineIs(END)) {
        return complete(Collections.unmodifiableMap(stats));
      }
      if (reader.lineStartsWith(STAT)) {
        String rest = reader.restOfLine();
        int space = rest.indexOf(' ');
        if (space <= 0 || stats.size() == MAX_LINES) {
          throw unexpected(reader);
        }
        stats.put(rest.substring(0, space), rest.substring(space + 1));
      } else if (errorLine(reader)) {
        return true;
      } else {
        throw unexpected(reader);
      }
    }
    return false;
  }

  @Override
  public void reset() {
    super.reset();
    stats = new LinkedHashMap<>();
  }

  @Override
  public boolean mutates() {
    return false;
  }
}
