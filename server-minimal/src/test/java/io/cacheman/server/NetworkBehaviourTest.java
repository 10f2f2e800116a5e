package io.cacheman.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Partial reads and writes of any size, big values, and a client that does not read. */
class NetworkBehaviourTest extends NodeFixture {

  @Test
  void commandsSentOneByteAtATimeAreServed() throws Exception {
    start();
    byte[] script = ("set a 5 0 3\r\nabc\r\nget a\r\nincr n 1\r\nset n 0 0 1\r\n7\r\n"
        + "incr n 1\r\ngets a\r\n").getBytes(StandardCharsets.US_ASCII);
    try (TextClient c = client()) {
      for (byte b : script) {
        c.send(new byte[] {b});
      }
      assertEquals("STORED\r\n", c.line());
      assertEquals("VALUE a 5 3\r\nabc\r\nEND\r\n", c.until("END\r\n"));
      assertEquals("NOT_FOUND\r\n", c.line());
      assertEquals("STORED\r\n", c.line());
      assertEquals("8\r\n", c.line());
      assertEquals("VALUE a 5 3 1\r\nabc\r\nEND\r\n", c.until("END\r\n"));
    }
    assertStillServing();
  }

  @Test
  void largestValuesRoundTripIntact() throws Exception {
    start();
    int size = 1048514; // the largest value memcached accepts under a 3-byte key
    StringBuilder value = new StringBuilder(size);
    for (int i = 0; i < size; i++) {
      value.append((char) ('a' + i % 26));
    }
    try (TextClient c = client()) {
      assertEquals("STORED\r\n", c.call("set big 0 0 " + size + "\r\n" + value + "\r\n"));
      c.send("get big big\r\n");
      for (int i = 0; i < 2; i++) {
        assertEquals("VALUE big 0 " + size + "\r\n", c.line());
        assertEquals(value + "\r\n", c.exactly(size + 2));
      }
      assertEquals("END\r\n", c.line());
    }
    assertStillServing();
  }

  @Test
  void aClientThatStopsReadingIsThrottledNotBuffered() throws Exception {
    start();
    int size = 500_000;
    int gets = 100; // 50 MB of replies owed
    try (TextClient c = client()) {
      c.call("set v 0 0 " + size + "\r\n" + "v".repeat(size) + "\r\n");
      c.send("get v\r\n".repeat(gets));
      // The node parks the connection while its reply backlog is over its limit; reading
      // everything afterwards gets every reply, in order and complete.
      String header = "VALUE v 0 " + size + "\r\n";
      for (int i = 0; i < gets; i++) {
        assertEquals(header, c.line());
        assertEquals(size + 2, c.exactly(size + 2).length());
        assertEquals("END\r\n", c.line());
      }
      assertEquals("STORED\r\n", c.call("set after 0 0 1\r\nx\r\n"));
    }
    assertStillServing();
  }

  @Test
  void halfClosedClientStillGetsItsReplies() throws Exception {
    start();
    try (TextClient c = client()) {
      c.send("set h 0 0 2\r\nhi\r\nget h\r\n");
      String all = new String(c.finish(), StandardCharsets.US_ASCII);
      assertEquals("STORED\r\nVALUE h 0 2\r\nhi\r\nEND\r\n", all);
    }
    assertStillServing();
  }

  @Test
  void statsCountConnectionsAndCommands() throws Exception {
    start();
    try (TextClient c = client()) {
      c.call("set a 0 0 1\r\nx\r\n");
      c.send("get a b\r\n").until("END\r\n");
      assertEquals(2, c.stat("cmd_get"));
      assertEquals(1, c.stat("get_hits"));
      assertEquals(1, c.stat("get_misses"));
      assertEquals(1, c.stat("cmd_set"));
      assertEquals(1, c.stat("curr_items"));
      assertEquals(1, c.stat("curr_connections"));
      assertTrue(c.stat("bytes") > 0);
      c.send("stats settings\r\n");
      String settings = c.until("END\r\n");
      assertTrue(settings.contains("STAT maxbytes 67108864\r\n"), settings);
      assertTrue(settings.contains("STAT tcpport " + server.port() + "\r\n"), settings);
      assertTrue(settings.contains("STAT eviction_policy lru\r\n"), settings);
      assertEquals("RESET\r\n", c.call("stats reset\r\n"));
      assertEquals(0, c.stat("cmd_get"));
    }
  }
}
