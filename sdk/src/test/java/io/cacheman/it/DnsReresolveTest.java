package io.cacheman.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cacheman.server.CachemanServer;
import io.cacheman.server.ServerConfig;
import io.cacheman.testing.ChildClient;
import io.cacheman.testing.ChildOutput;
import io.cacheman.testing.RawClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node given by name is looked up again at each reconnect: a node replaced by one at another
 * address under the same name is found without touching the client. The client runs in a child
 * JVM whose resolver reads a hosts file of the test's (cache-a.test, first 127.0.0.2, then
 * 127.0.0.3) and caches nothing ({@code sun.net.inetaddr.ttl=0}).
 */
class DnsReresolveTest {
  private static final Logger log = LoggerFactory.getLogger(DnsReresolveTest.class);

  @TempDir Path dir;

  @Test
  void aNodeReplacedAtANewAddressUnderTheSameNameIsFoundOnReconnect() throws Exception {
    Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.2 cache-a.test\n");
    CachemanServer first = CachemanServer.start(ServerConfig.builder().listenAddress("127.0.0.2").port(0).threads(1).build());
    int port = first.port();
    CachemanServer second = null;
    Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "-Djdk.net.hosts.file=" + hosts, "-Dsun.net.inetaddr.ttl=0", "-Dsun.net.inetaddr.negative.ttl=0",
        ChildClient.class.getName(), "cache-a.test:" + port)).redirectErrorStream(true).start();
    try (PrintWriter toChild = new PrintWriter(child.getOutputStream(), true, StandardCharsets.UTF_8);
        BufferedReader fromChild = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals("ready", result(fromChild));
      assertEquals("ok one", call(toChild, fromChild, "k1", "one"));
      try (RawClient raw = new RawClient("127.0.0.2", port)) {
        assertEquals("one", raw.get("k1"));
      }

      first.close(); // the machine is replaced: same name, new address, same port
      second = CachemanServer.start(ServerConfig.builder().listenAddress("127.0.0.3").port(port).threads(1).build());
      Files.writeString(hosts, "127.0.0.3 cache-a.test\n");
      long movedAt = System.nanoTime();

      await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
          .until(() -> call(toChild, fromChild, "k2", "two").equals("ok two"));
      log.info("the client found cache-a.test at its new address {} ms after the hosts file changed",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - movedAt));
      try (RawClient raw = new RawClient("127.0.0.3", port)) {
        assertEquals("two", raw.get("k2"), "the value went to the new address");
      }
      toChild.println("quit");
      assertEquals(true, child.waitFor(10, TimeUnit.SECONDS), "the child did not exit");
      assertEquals(0, child.exitValue());
    } finally {
      child.destroyForcibly();
      first.close();
      if (second != null) {
        second.close();
      }
    }
  }

  private static String call(PrintWriter toChild, BufferedReader fromChild, String key, String value) throws Exception {
    toChild.println("call " + key + " " + value);
    return result(fromChild);
  }

  /** The child's next RESULT line (its log lines are skipped). */
  private static String result(BufferedReader fromChild) throws Exception {
    return ChildOutput.result(fromChild, line -> { });
  }
}
