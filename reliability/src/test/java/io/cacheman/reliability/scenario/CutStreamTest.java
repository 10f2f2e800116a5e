package io.cacheman.reliability.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cacheman.Cache;
import io.cacheman.CacheConnectionException;
import io.cacheman.CacheTimeoutException;
import io.cacheman.Cacheman;
import io.cacheman.CachemanException;
import io.cacheman.Transcoders;
import io.cacheman.config.CachemanConfig;
import io.cacheman.reliability.node.Probe;
import io.cacheman.reliability.proxy.Direction;
import io.cacheman.reliability.proxy.FaultProxy;
import io.cacheman.reliability.proxy.Toxic;
import io.cacheman.reliability.testing.Expect;
import io.cacheman.reliability.workload.CheckedValue;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RELIABILITY §B 8: the connection is cut (RST or FIN) in the middle of a reply. A get fails with a
 * connection error and never returns part of a value; only idempotent operations are retried, at
 * most {@code retryAttempts} times; every incr is applied at most once.
 */
class CutStreamTest {
  private static final int VALUE_SIZE = 8_000;

  @ParameterizedTest(name = "reset={0}")
  @ValueSource(booleans = {true, false})
  void aValueCutMidBlockIsAConnectionErrorNeverAPartialValue(boolean reset) throws IOException {
    try (LocalNodes nodes = LocalNodes.start(1)) {
      FaultProxy proxy = nodes.proxy(0);
      CachemanConfig config = nodes.config().failureThreshold(1_000).retryAttempts(1)
          .reconnectBackoff(Duration.ofMillis(5), Duration.ofMillis(20)).build();
      byte[] value = CheckedValue.encode("big", 1, VALUE_SIZE);
      try (Cache<byte[]> cache = Cacheman.builder().config(config).transcoder(Transcoders.bytes()).build()) {
        cache.set("big", value);
        long getsBefore = serverCount(nodes, "cmd_get");
        Random random = new Random(reset ? 1 : 2);
        int calls = 30;
        int failed = 0;
        for (int i = 0; i < calls; i++) {
          // Cut somewhere inside the VALUE header or block (the header is ~20 bytes).
          awaitConnected(proxy);
          proxy.everywhere(Direction.DOWNSTREAM, Toxic.limitData(1 + random.nextInt(VALUE_SIZE), reset));
          try {
            byte[] got = cache.get("big");
            fail("a cut reply returned " + (got == null ? "a miss" : got.length + " bytes"));
          } catch (CacheConnectionException | CacheTimeoutException e) {
            failed++;
          }
        }
        proxy.clear();
        long gets = serverCount(nodes, "cmd_get") - getsBefore;
        Observe.figures("B8 cut value", "reset=" + reset + ": " + failed + " of " + calls + " gets failed with a "
            + "connection error, the node saw " + gets + " get commands (retry attempts allowed: 1)");
        Expect.atLeast("get commands the node received", gets, calls);
        Expect.atMost("get commands the node received", gets, 2L * calls);
        Observe.until("a clean get", System.nanoTime(), Duration.ofSeconds(5), () -> {
          try {
            return java.util.Arrays.equals(value, cache.get("big"));
          } catch (CachemanException e) {
            return false;
          }
        });
        assertArrayEquals(value, cache.get("big"));
      }
    }
  }

  @Test
  void everyIncrIsAppliedAtMostOnce() throws IOException {
    try (LocalNodes nodes = LocalNodes.start(1)) {
      FaultProxy proxy = nodes.proxy(0);
      CachemanConfig config = nodes.config().failureThreshold(1_000).retryAttempts(3)
          .reconnectBackoff(Duration.ofMillis(5), Duration.ofMillis(20)).build();
      directCommand(nodes, "set ctr 0 0 1\r\n0\r\n");
      Random random = new Random(3);
      int acked = 0;
      int failed = 0;
      try (Cache<String> cache = Cacheman.builder().config(config).transcoder(Transcoders.string()).build()) {
        for (int i = 0; i < 300; i++) {
          // A reply such as "137\r\n" is 5 bytes: a limit of 0..7 cuts some replies and spares others.
          awaitConnected(proxy);
          proxy.everywhere(Direction.DOWNSTREAM, Toxic.limitData(random.nextInt(8), random.nextBoolean()));
          try {
            OptionalLong v = cache.incr("ctr", 1);
            assertTrue(v.isPresent());
            acked++;
          } catch (CachemanException e) {
            failed++;
          }
        }
      }
      proxy.clear();
      long counter = Long.parseLong(directCommand(nodes, "get ctr\r\n").split("\r\n")[1]);
      Observe.figures("B8 incr", "acked " + acked + ", failed " + failed + ", final counter " + counter);
      Expect.atLeast("acknowledged increments (the fault must spare some)", acked, 10);
      Expect.atLeast("failed increments (the fault must cut some)", failed, 10);
      Expect.atLeast("final counter", counter, acked);
      Expect.atMost("final counter (each call applied at most once)", counter, acked + failed);
    }
  }

  /** Waits until the client has a connection through the proxy again, so the next call is really sent. */
  private static void awaitConnected(FaultProxy proxy) {
    Observe.until("a client connection through the proxy", System.nanoTime(), Duration.ofSeconds(5),
        () -> !proxy.connections().isEmpty());
  }

  private static long serverCount(LocalNodes nodes, String stat) throws IOException {
    Map<String, String> stats = Probe.stats(nodes.server(0).port(), Duration.ofSeconds(5));
    return Long.parseLong(stats.get(stat));
  }

  /** Sends one command straight to the node (not through the proxy) and returns the reply up to END or a line. */
  private static String directCommand(LocalNodes nodes, String command) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), nodes.server(0).port())) {
      s.setSoTimeout(5_000);
      s.getOutputStream().write(command.getBytes(StandardCharsets.US_ASCII));
      StringBuilder reply = new StringBuilder();
      for (int b; (b = s.getInputStream().read()) >= 0; ) {
        reply.append((char) b);
        String r = reply.toString();
        if (r.endsWith("END\r\n") || (r.endsWith("\r\n") && !r.startsWith("VALUE"))) {
          return r;
        }
      }
      assertEquals("a complete reply", reply.toString());
      return reply.toString();
    }
  }
}
