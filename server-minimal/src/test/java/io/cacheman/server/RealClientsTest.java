package io.cacheman.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.spy.memcached.CASResponse;
import net.spy.memcached.CASValue;
import net.spy.memcached.MemcachedClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Third-party clients against the node: spymemcached, and libmemcached's memccapable. */
class RealClientsTest extends NodeFixture {
  private static final String MEMCCAPABLE = "/usr/bin/memccapable";

  @Test
  void spymemcachedRoundTrip() throws Exception {
    start();
    MemcachedClient client = new MemcachedClient(new InetSocketAddress("127.0.0.1", server.port()));
    try {
      assertTrue(client.set("greeting", 0, "hello").get(5, TimeUnit.SECONDS));
      assertEquals("hello", client.get("greeting"));
      assertTrue(client.set("n", 0, "41").get(5, TimeUnit.SECONDS));
      assertEquals(42, client.incr("n", 1));
      assertEquals(40, client.decr("n", 2));
      CASValue<Object> cas = client.gets("greeting");
      assertEquals(CASResponse.OK, client.cas("greeting", cas.getCas(), "hi"));
      assertEquals(CASResponse.EXISTS, client.cas("greeting", cas.getCas(), "again"));
      assertEquals("hi", client.get("greeting"));
      assertTrue(client.delete("greeting").get(5, TimeUnit.SECONDS));
      assertNull(client.get("greeting"));
      assertFalse(client.delete("greeting").get(5, TimeUnit.SECONDS));
      assertEquals(1, client.getVersions().size());
    } finally {
      client.shutdown(5, TimeUnit.SECONDS);
    }
    assertStillServing();
  }

  /**
   * No Java client here speaks memcached's ASCII auth (spymemcached and xmemcached offer binary
   * SASL only), but the auth command is an ordinary {@code set}: a spymemcached client (one
   * connection per node) whose first operation sets {@code "<user> <password>"} is logged in,
   * on memcached -Y and on the node alike.
   */
  @Test
  void spymemcachedLogsInWithAnOrdinarySet(@TempDir Path dir) throws Exception {
    Path users = dir.resolve("users");
    Files.writeString(users, "app:app-secret\n");
    start(ServerConfig.builder().memoryLimitBytes(16L << 20).authFile(users));
    try (RealMemcached memcached = new RealMemcached("-Y", users.toAbsolutePath().toString())) {
      for (int port : new int[] {memcached.port, server.port()}) {
        MemcachedClient client = new MemcachedClient(new InetSocketAddress("127.0.0.1", port));
        try {
          assertTrue(client.set("login", 0, "app app-secret").get(5, TimeUnit.SECONDS));
          assertTrue(client.set("greeting", 0, "hello").get(5, TimeUnit.SECONDS));
          assertEquals("hello", client.get("greeting"));
        } finally {
          client.shutdown(5, TimeUnit.SECONDS);
        }
      }
    }
  }

  @Test
  void memccapablePassesEveryAsciiTest() throws Exception {
    if (!new File(MEMCCAPABLE).canExecute()) {
      fail(MEMCCAPABLE + " is missing: apt-get install libmemcached-tools");
    }
    start();
    Process p = new ProcessBuilder(List.of(MEMCCAPABLE, "-a", "-t", "10", "-h", "127.0.0.1",
        "-p", Integer.toString(server.port()))).redirectErrorStream(true).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "memccapable finished");
    String report = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), report);
    assertTrue(report.contains("All tests passed"), report);
    assertEquals(27, report.lines().filter(l -> l.endsWith("[pass]")).count(), report);
    assertStillServing();
  }
}
