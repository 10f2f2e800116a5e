package io.cacheman.internal.protocol;

import static io.cacheman.internal.protocol.Feed.encoded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StatsCommandTest {

  @Test
  void encodesGeneralAndGroup() {
    assertEquals("stats\r\n", encoded(new StatsCommand("")));
    assertEquals("stats settings\r\n", encoded(new StatsCommand("settings")));
    assertThrows(IllegalArgumentException.class, () -> new StatsCommand("items\r\nflush_all"));
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void keepsOrderAndValuesWithSpaces(Feed feed) throws Exception {
    Map<String, String> stats = feed.decode(new StatsCommand(""),
        "STAT pid 42\r\nSTAT version 1.6.18\r\nSTAT odd value with spaces\r\nEND\r\n").result();
    assertEquals(List.of("pid", "version", "odd"), List.copyOf(stats.keySet()));
    assertEquals("value with spaces", stats.get("odd"));
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void rejectsMalformedLines(Feed feed) {
    assertThrows(ProtocolException.class, () -> feed.reject(new StatsCommand(""), "STAT pid\r\nEND\r\n"));
    assertThrows(ProtocolException.class, () -> feed.reject(new StatsCommand(""), "VALUE pid 1\r\nEND\r\n"));
  }
}
