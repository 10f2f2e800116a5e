package io.cacheman.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** Starting and stopping nodes: no leaked threads or descriptors, JMX, graceful close. */
class LifecycleTest {

  @Test
  void manyStartsAndStopsLeaveNothingBehind() throws Exception {
    long threadsBefore = cachemanThreads();
    int fdsBefore = openDescriptors();
    for (int i = 0; i < 30; i++) {
      try (CachemanServer server = CachemanServer.start(config().build());
           TextClient c = new TextClient(server.port())) {
        assertEquals("STORED\r\n", c.call("set k 0 0 1\r\nv\r\n"));
      }
    }
    Waits.await().until(() -> cachemanThreads() == threadsBefore);
    Waits.await()
        .until(() -> openDescriptors() <= fdsBefore + 2);
  }

  @Test
  void closeIsIdempotentAndFreesThePort() throws Exception {
    CachemanServer server = CachemanServer.start(config().build());
    int port = server.port();
    server.close();
    server.close();
    try (CachemanServer again = CachemanServer.start(config().port(port).build())) {
      assertEquals(port, again.port());
    }
  }

  @Test
  void statsAreOnJmxWhileRunning() throws Exception {
    MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
    ObjectName name;
    try (CachemanServer server = CachemanServer.start(config().build());
         TextClient c = new TextClient(server.port())) {
      c.call("set k 0 0 1\r\nv\r\n");
      name = new ObjectName("io.cacheman:type=CachemanServer,port=" + server.port());
      assertEquals(1L, mbeans.getAttribute(name, "curr_items"));
      assertEquals(1L, mbeans.getAttribute(name, "cmd_set"));
    }
    assertFalse(mbeans.isRegistered(name));
  }

  @Test
  void closeFinishesRepliesInFlight() throws Exception {
    CachemanServer server = CachemanServer.start(config().build());
    int size = 500_000;
    try (TextClient c = new TextClient(server.port())) {
      c.call("set v 0 0 " + size + "\r\n" + "v".repeat(size) + "\r\n");
      c.send("get v\r\n".repeat(40)); // 20 MB owed, more than the socket buffers hold
      Waits.await().until(() -> ((Number) server.stats().get("bytes_written")).longValue()
          > 1_000_000);
      CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
      String all = new String(c.readToEnd(), StandardCharsets.ISO_8859_1);
      closing.get();
      int complete = all.split("END\r\n", -1).length - 1;
      assertTrue(complete >= 1, "at least the replies already under way arrive");
      assertTrue(all.endsWith("END\r\n"), "never a truncated reply");
      assertEquals(complete * (("VALUE v 0 " + size + "\r\n").length() + size + 2 + 5),
          all.length());
    }
  }

  private static ServerConfig.Builder config() {
    return ServerConfig.builder().port(0).threads(2).memoryLimitBytes(16L << 20);
  }

  private static long cachemanThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("cacheman-")).count();
  }

  private static int openDescriptors() {
    String[] fds = new File("/proc/self/fd").list();
    return fds == null ? 0 : fds.length;
  }
}
