package io.cacheman.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Meta command lines where the node is deliberately stricter than memcached 1.6.18
 * (docs/server.md, "Differences"), so they cannot be differential conversations; and malformed
 * meta lines that must leave the connection usable and the stored data intact.
 */
class MetaHostileInputTest {
  private static CachemanServer server;

  @BeforeAll
  static void start() {
    server = CachemanServer.start(ServerConfig.builder().port(0).threads(1)
        .memoryLimitBytes(16L << 20).build());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void msWithABadKeySwallowsItsBlock_stricter() throws Exception {
    try (TextClient c = new TextClient(server.port())) {
      // memcached answers ERROR to the block too, or runs it if it reads as a command
      assertEquals("CLIENT_ERROR bad command line format\r\n",
          c.call("ms " + "k".repeat(251) + " 9\r\nflush_all\r\nmn\r\n"));
      assertEquals("MN\r\n", c.line());
      assertEquals("CLIENT_ERROR bad command line format\r\n", c.call("ms a\u0001b 1\r\nx\r\n"));
      assertEquals("MN\r\n", c.call("mn\r\n"));
    }
  }

  @Test
  void msWithTooManyFlagsSwallowsItsBlock_stricter() throws Exception {
    try (TextClient c = new TextClient(server.port())) {
      String flags = " P".repeat(17);
      assertEquals("CLIENT_ERROR options flags too long\r\n",
          c.call("ms k 2" + flags + "\r\nmn\r\n"));
      assertEquals("MN\r\n", c.call("mn\r\n"));
    }
  }

  @Test
  void clientFlagsAbove32BitsAreRefused_stricter() throws Exception {
    try (TextClient c = new TextClient(server.port())) {
      // memcached stores 4294967296 as 0
      assertEquals("CLIENT_ERROR bad command line format\r\n",
          c.call("ms f 1 F4294967296\r\nx\r\n"));
      assertEquals("EN\r\n", c.call("mg f f\r\n"));
    }
  }

  @Test
  void malformedMetaLinesKeepTheConnectionAndTheData() throws Exception {
    try (TextClient c = new TextClient(server.port())) {
      assertEquals("HD\r\n", c.call("ms keep 4\r\nsafe\r\n"));
      String[] hostile = {"mg keep \u0080\u0081\r\n", "mg keep O" + "x".repeat(500) + "\r\n",
          "ms keep 4 MZ\r\nlost\r\n", "ms keep 4 C\r\nlost\r\n", "ma keep\r\n",
          "md keep C999999\r\n", "ms keep 4\r\nlostXY\r\n", "mg keep b\r\n", "me keep b\r\n",
          "ma\r\n", "mgkeep\r\n", "mn\r\n"};
      for (String line : hostile) {
        c.send(line);
      }
      assertEquals("CLIENT_ERROR duplicate flag\r\n"
          + "CLIENT_ERROR opaque token too long\r\n"
          + "CLIENT_ERROR invalid mode for ms M token\r\n"
          + "CLIENT_ERROR bad token in command line format\r\n"
          + "CLIENT_ERROR cannot increment or decrement non-numeric value\r\n"
          + "EX\r\n"
          + "CLIENT_ERROR bad data chunk\r\nERROR\r\n" // the block's last two bytes: a line
          + "EN\r\nEN\r\n" // "keep" is valid base64, of another key
          + "ERROR\r\nERROR\r\nMN\r\n", c.until("MN\r\n"));
      assertEquals("VA 4\r\n", c.call("mg keep v\r\n"));
      assertEquals("safe\r\n", c.line());
    }
  }
}
