package io.cacheman.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A full node with eviction on never refuses a store for memory, and an update never loses its
 * key (issue 14, points 2 and 4; memcached answers STORED in every case below).
 */
class FullMemoryTest extends NodeFixture {
  private static final int MB = 1 << 20;

  /** Point 2: three concurrent pipelined noreply streams of 10 B, 5,000 B and 1,000 B values. */
  @ParameterizedTest(name = "-m {0}")
  @ValueSource(ints = {100, 32})
  void concurrentStreamsOfMixedSizesNeverRunOutOfMemory(int megabytes) throws Exception {
    start(ServerConfig.builder().memoryLimitBytes((long) megabytes * MB));
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try (TextClient c = client()) {
      for (int round = 1; round <= 5; round++) {
        List<Future<String>> streams = new ArrayList<>();
        streams.add(pool.submit(() -> stream("a", 300_000, 10)));
        streams.add(pool.submit(() -> stream("b", 200_000, 5_000)));
        streams.add(pool.submit(() -> stream("c", 1_000_000, 1_000)));
        for (Future<String> f : streams) {
          assertEquals("", f.get(5, TimeUnit.MINUTES), "replies besides VERSION, round " + round);
        }
        assertEquals(0, c.stat("store_no_memory"), "store_no_memory after round " + round);
      }
    } finally {
      pool.shutdownNow();
    }
    assertStillServing();
  }

  /** Sends n pipelined {@code set ... noreply}, then version; returns what came before VERSION. */
  private String stream(String prefix, int n, int size) throws IOException {
    byte[] value = "x".repeat(size).getBytes(StandardCharsets.US_ASCII);
    try (TextClient c = new TextClient(server.port(), 300_000)) {
      OutputStream out = new BufferedOutputStream(c.output(), 256 * 1024);
      for (int i = 0; i < n; i++) {
        out.write(("set " + prefix + i + " 0 0 " + size + " noreply\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.write(value);
        out.write('\r');
        out.write('\n');
      }
      out.write("version\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String line = c.line();
      StringBuilder before = new StringBuilder();
      while (!line.startsWith("VERSION ")) {
        before.append(line);
        line = c.line();
      }
      return before.toString();
    }
  }

  /** Point 4: ten appends on a node full of 560 KB values all land, and the key stays. */
  @Test
  void appendsOnAFullNodeKeepTheKey() throws Exception {
    start(ServerConfig.builder().memoryLimitBytes(48L * MB));
    try (TextClient c = client()) {
      fillWithLargeValues(c);
      assertEquals("STORED\r\n", c.call("set app 0 0 4\r\nseed\r\n"));
      StringBuilder expected = new StringBuilder("seed");
      for (int i = 0; i < 10; i++) {
        assertEquals("STORED\r\n", c.call("append app 0 0 3\r\nabc\r\n"), "append " + (i + 1));
        expected.append("abc");
      }
      assertEquals("VALUE app 0 " + expected.length() + "\r\n" + expected + "\r\nEND\r\n",
          c.send("get app\r\n").until("END\r\n"));
    }
    assertStillServing();
  }

  /** Point 4: cas that grows a value across every size class up to 200 bytes keeps the key. */
  @Test
  void casGrowingAValueOnAFullNodeKeepsTheKey() throws Exception {
    start(ServerConfig.builder().memoryLimitBytes(48L * MB));
    try (TextClient c = client()) {
      fillWithLargeValues(c);
      assertEquals("STORED\r\n", c.call("set c 0 0 1\r\nv\r\n"));
      for (int size = 2; size <= 200; size++) {
        String header = c.send("gets c\r\n").line();
        String[] parts = header.trim().split(" ");
        assertEquals("VALUE", parts[0], "the key is still there before a cas of " + size);
        c.line();
        assertEquals("END\r\n", c.line());
        String value = "w".repeat(size);
        assertEquals("STORED\r\n",
            c.call("cas c 0 0 " + size + " " + parts[4] + "\r\n" + value + "\r\n"),
            "cas to " + size + " bytes");
      }
      assertEquals("VALUE c 0 200\r\n" + "w".repeat(200) + "\r\nEND\r\n",
          c.send("get c\r\n").until("END\r\n"));
    }
    assertStillServing();
  }

  /** Point 4: incr growing a value's digits on a full node keeps the key. */
  @Test
  void incrGrowingAValueOnAFullNodeKeepsTheKey() throws Exception {
    start(ServerConfig.builder().memoryLimitBytes(48L * MB));
    try (TextClient c = client()) {
      fillWithLargeValues(c);
      assertEquals("STORED\r\n", c.call("set n 0 0 1\r\n9\r\n"));
      long value = 9;
      for (int i = 0; i < 18; i++) {
        long delta = value * 9 + 9; // one more digit each time
        value += delta;
        assertEquals(Long.toUnsignedString(value) + "\r\n", c.call("incr n " + delta + "\r\n"));
      }
    }
    assertStillServing();
  }

  private static void fillWithLargeValues(TextClient c) throws IOException {
    String big = "x".repeat(560 * 1024);
    for (int i = 0; i < 200; i++) {
      assertEquals("STORED\r\n", c.call("set big" + i + " 0 0 " + big.length() + "\r\n" + big
          + "\r\n"));
    }
  }
}
