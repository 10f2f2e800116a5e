package io.cacheman.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The stats that memcached exporters (Prometheus' memcached_exporter, Datadog, collectd) read,
 * parsed the way memcached_exporter parses them: every value a number (or yes/no), {@code stats
 * slabs} as {@code STAT <class>:<name> <n>} plus {@code active_slabs} and {@code total_malloced},
 * {@code stats items} as {@code STAT items:<class>:<name> <n>} (issue 14, point 7).
 */
class MonitoringStatsTest extends NodeFixture {
  /** Keys of {@code stats} the exporter turns into metrics, all of which memcached 1.6.18 sends. */
  private static final List<String> EXPORTED = List.of("uptime", "time", "version", "bytes_read",
      "bytes_written", "curr_connections", "max_connections", "total_connections",
      "rejected_connections", "listen_disabled_num", "time_in_listen_disabled_us",
      "accepting_conns", "bytes", "limit_maxbytes", "curr_items", "total_items", "evictions",
      "reclaimed", "store_too_large", "store_no_memory", "cmd_set", "cmd_flush", "get_hits",
      "get_misses", "delete_hits", "delete_misses", "incr_hits", "incr_misses", "decr_hits",
      "decr_misses", "cas_hits", "cas_misses", "cas_badval", "touch_hits", "touch_misses");
  private static final Pattern SLAB = Pattern.compile("STAT (\\d+):(\\w+) (\\d+)\r\n");
  private static final Pattern ITEM = Pattern.compile("STAT items:(\\d+):(\\w+) (\\d+)\r\n");

  @Test
  void everyExportedStatIsThereAndNumeric() throws Exception {
    start();
    Map<String, String> memcached;
    try (RealMemcached real = new RealMemcached(); TextClient c = new TextClient(real.port)) {
      memcached = stats(c, "stats");
    }
    try (TextClient c = client()) {
      Map<String, String> node = stats(c, "stats");
      for (String key : EXPORTED) {
        assertTrue(memcached.containsKey(key), "memcached sends " + key);
        assertTrue(node.containsKey(key), "the node sends " + key);
        if (!key.equals("version")) {
          Double.parseDouble(node.get(key));
        }
      }
      assertEquals("1", node.get("accepting_conns"));
      assertEquals("0", node.get("listen_disabled_num"));
      Map<String, String> settings = stats(c, "stats settings");
      assertEquals("NULL", settings.get("domain_socket"));
      assertEquals("no", settings.get("shutdown_command"));
      Double.parseDouble(settings.get("maxconns"));
    }
  }

  @Test
  void slabsAndItemsArePerSizeClass() throws IOException {
    start();
    try (TextClient c = client()) {
      assertEquals("STORED\r\n", c.call("set small 0 0 3\r\nabc\r\n"));
      assertEquals("STORED\r\n", c.call("set big 0 0 5000\r\n" + "x".repeat(5000) + "\r\n"));
      assertEquals("STORED\r\n", c.call("set big2 0 0 5000\r\n" + "y".repeat(5000) + "\r\n"));
      String slabs = c.send("stats slabs\r\n").until("END\r\n");
      Map<String, Map<String, Long>> classes = perClass(SLAB.matcher(slabs));
      assertEquals(2, classes.size(), slabs);
      long used = 0;
      for (Map<String, Long> k : classes.values()) {
        assertEquals(k.get("chunks_per_page") * k.get("total_pages"), k.get("total_chunks"));
        assertEquals(k.get("total_chunks") - k.get("used_chunks"), k.get("free_chunks"));
        assertTrue(k.get("chunk_size") >= 3 && k.get("free_chunks_end") <= k.get("free_chunks"));
        used += k.get("used_chunks");
      }
      assertEquals(3, used);
      assertTrue(slabs.contains("STAT active_slabs 2\r\n"), slabs);
      assertTrue(slabs.matches("(?s).*STAT total_malloced \\d+\r\nEND\r\n"), slabs);
      String items = c.send("stats items\r\n").until("END\r\n");
      Map<String, Map<String, Long>> itemClasses = perClass(ITEM.matcher(items));
      assertEquals(classes.keySet(), itemClasses.keySet());
      assertEquals(3, itemClasses.values().stream().mapToLong(k -> k.get("number")).sum());
      assertEquals("END\r\n", ITEM.matcher(items).replaceAll(""), "only items lines, then END");
      assertEquals("STAT active_slabs 2\r\n", SLAB.matcher(slabs).replaceAll("")
          .replaceAll("STAT total_malloced \\d+\r\nEND\r\n", ""), "only class lines, totals, END");
    }
  }

  private static Map<String, Map<String, Long>> perClass(Matcher m) {
    Map<String, Map<String, Long>> classes = new LinkedHashMap<>();
    while (m.find()) {
      classes.computeIfAbsent(m.group(1), k -> new LinkedHashMap<>())
          .put(m.group(2), Long.parseLong(m.group(3)));
    }
    return classes;
  }

  private static Map<String, String> stats(TextClient c, String command) throws IOException {
    Map<String, String> stats = new LinkedHashMap<>();
    String[] lines = c.send(command + "\r\n").until("END\r\n").split("\r\n");
    for (String line : lines) {
      if (!line.equals("END")) {
        String[] parts = line.split(" ", 3);
        assertEquals("STAT", parts[0], line);
        stats.put(parts[1], parts[2]);
      }
    }
    return stats;
  }
}
