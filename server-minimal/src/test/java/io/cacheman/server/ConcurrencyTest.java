package io.cacheman.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many clients hammering the same keys: every incr, append and cas lands exactly once. */
class ConcurrencyTest extends NodeFixture {
  private static final int CLIENTS = 8;

  @Test
  void incrementsAreAtomic() throws Exception {
    start();
    try (TextClient c = client()) {
      c.call("set counter 0 0 1\r\n0\r\n");
    }
    runClients(c -> {
      for (int i = 0; i < 500; i++) {
        c.call("incr counter 1\r\n");
      }
    });
    try (TextClient c = client()) {
      assertEquals("VALUE counter 0 4\r\n4000\r\nEND\r\n", c.send("get counter\r\n").until("END\r\n"));
    }
    assertStillServing();
  }

  @Test
  void appendsAreNeitherLostNorDoubled() throws Exception {
    start();
    try (TextClient c = client()) {
      c.call("set log 0 0 0\r\n\r\n");
    }
    runClients(c -> {
      for (int i = 0; i < 200; i++) {
        assertEquals("STORED\r\n", c.call("append log 0 0 1\r\nx\r\n"));
      }
    });
    try (TextClient c = client()) {
      c.send("get log\r\n");
      assertEquals("VALUE log 0 1600\r\n", c.line());
      assertEquals("x".repeat(1600) + "\r\n", c.line());
    }
    assertStillServing();
  }

  @Test
  void casRetryLoopsCountExactly() throws Exception {
    start();
    try (TextClient c = client()) {
      c.call("set n 0 0 1\r\n0\r\n");
    }
    runClients(c -> {
      int done = 0;
      while (done < 100) {
        c.send("gets n\r\n");
        String[] header = c.line().trim().split(" ");
        long value = Long.parseLong(c.line().trim());
        c.line(); // END
        String next = Long.toString(value + 1);
        String reply = c.call("cas n 0 0 " + next.length() + " " + header[4] + "\r\n" + next
            + "\r\n");
        if (reply.equals("STORED\r\n")) {
          done++;
        } else {
          assertEquals("EXISTS\r\n", reply);
        }
      }
    });
    try (TextClient c = client()) {
      assertEquals("VALUE n 0 3\r\n800\r\nEND\r\n", c.send("get n\r\n").until("END\r\n"));
      assertEquals(800, c.stat("cas_hits"));
    }
    assertStillServing();
  }

  /**
   * Large values are sent by reference into their slab chunk. A reader that leaves megabytes of
   * replies unread keeps those references queued while writers replace, delete and evict the
   * items (the small limit makes pages change hands too): every value it finally reads must still
   * be whole and the one of its own key (each key's values use their own letters).
   */
  @Test
  void queuedLargeValuesSurviveTheirReplacement() throws Exception {
    start(ServerConfig.builder().memoryLimitBytes(4L << 20));
    int size = 5000;
    String[] alphabets = {"abcdefghij", "ABCDEFGHIJ", "0123456789"};
    try (TextClient c = client()) {
      for (int k = 0; k < 3; k++) {
        c.call("set big" + k + " 0 0 " + size + "\r\n" + "x".repeat(size) + "\r\n");
      }
    }
    try (TextClient reader = client()) {
      int gets = 400; // 6 MB of replies: more than the socket buffers and the 4 MB backlog
      reader.send("get big0 big1 big2\r\n".repeat(gets));
      runClients(c -> {
        for (int i = 0; i < 100; i++) {
          int k = i % 3;
          char fill = alphabets[k].charAt(i % 10);
          c.send("set big" + k + " 0 0 " + size + " noreply\r\n" + String.valueOf(fill).repeat(size)
              + "\r\nset pad" + i + " 0 0 3000 noreply\r\n" + "p".repeat(3000) + "\r\n"
              + (i % 10 == 0 ? "delete big" + k + " noreply\r\n" : ""));
        }
        assertTrue(c.call("version\r\n").startsWith("VERSION "));
      });
      for (int g = 0; g < gets; g++) {
        for (String header = reader.line(); !header.equals("END\r\n"); header = reader.line()) {
          assertTrue(header.startsWith("VALUE big") && header.endsWith(" 0 " + size + "\r\n"),
              header);
          String value = reader.exactly(size + 2);
          char first = value.charAt(0);
          String own = "x" + alphabets[header.charAt(9) - '0'];
          assertTrue(own.indexOf(first) >= 0, header.trim() + " holds another key's value");
          assertEquals(String.valueOf(first).repeat(size) + "\r\n", value, "a torn value");
        }
      }
    }
    assertStillServing();
  }

  private void runClients(ClientWork work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<Void>> results = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        Callable<Void> task = () -> {
          try (TextClient c = client()) {
            work.run(c);
          }
          return null;
        };
        results.add(pool.submit(task));
      }
      for (Future<Void> f : results) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private interface ClientWork {
    void run(TextClient c) throws Exception;
  }
}
