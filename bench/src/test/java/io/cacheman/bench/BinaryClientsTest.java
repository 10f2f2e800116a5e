package io.cacheman.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.server.CachemanServer;
import io.cacheman.server.ServerConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.XMemcachedClientBuilder;
import net.rubyeye.xmemcached.command.BinaryCommandFactory;
import net.spy.memcached.BinaryConnectionFactory;
import net.spy.memcached.internal.GetFuture;
import net.spy.memcached.ops.OperationStatus;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, point 3 (RELIABILITY.md §B20): a Java service configured for the binary protocol,
 * with spymemcached's {@code BinaryConnectionFactory} or xmemcached's {@code
 * BinaryCommandFactory}, is told at once that server-minimal speaks the text protocol only: the
 * call fails with the client's own error long before its 5-second timeout. The times are printed
 * ("[binary]") for docs/RELIABILITY.md; the bound asserted is a generous one second.
 */
class BinaryClientsTest {
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration FAST = Duration.ofSeconds(1);

  @Test
  void spymemcachedInBinaryModeFailsAtOnce() throws Exception {
    try (CachemanServer server = CachemanServer.start(ServerConfig.builder().port(0).threads(1).build())) {
      net.spy.memcached.MemcachedClient client = new net.spy.memcached.MemcachedClient(
          new BinaryConnectionFactory() {
            @Override
            public long getOperationTimeout() {
              return CLIENT_TIMEOUT.toMillis();
            }
          }, List.of(new InetSocketAddress("127.0.0.1", server.port())));
      try {
        long start = System.nanoTime();
        GetFuture<Object> future = client.asyncGet("k");
        Object outcome;
        try {
          outcome = future.get(CLIENT_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
          outcome = e.getCause();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        OperationStatus status = future.getStatus();
        System.out.printf("[binary] spymemcached BinaryConnectionFactory get: %s, status '%s' after %d ms%n",
            describe(outcome), status.getMessage(), took.toMillis());
        assertFalse(outcome instanceof String, "no value can come back");
        // spymemcached reports a failed get as a failed status (its get() then returns null)
        assertFalse(status.isSuccess(), "the client's own error: " + status);
        assertTrue(status.getMessage().contains("Unknown command"), status.getMessage());
        assertTrue(took.compareTo(FAST) < 0, "failed in " + took.toMillis() + " ms, not at once");
      } finally {
        client.shutdown(1, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void xmemcachedInBinaryModeFailsAtOnce() throws Exception {
    try (CachemanServer server = CachemanServer.start(ServerConfig.builder().port(0).threads(1).build())) {
      XMemcachedClientBuilder builder = new XMemcachedClientBuilder(List.of(
          new InetSocketAddress("127.0.0.1", server.port())));
      builder.setCommandFactory(new BinaryCommandFactory());
      builder.setOpTimeout(CLIENT_TIMEOUT.toMillis());
      MemcachedClient client = builder.build();
      try {
        long start = System.nanoTime();
        Exception e = assertThrows(Exception.class, () -> client.get("k"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("[binary] xmemcached BinaryCommandFactory get: %s after %d ms%n", describe(e),
            took.toMillis());
        assertFalse(e instanceof java.util.concurrent.TimeoutException, "the client's own error, not a timeout");
        assertTrue(took.compareTo(FAST) < 0, "failed in " + took.toMillis() + " ms, not at once");
      } finally {
        client.shutdown();
      }
    }
  }

  private static String describe(Object outcome) {
    return outcome instanceof Throwable t ? t.getClass().getSimpleName() + ": " + t.getMessage()
        : "returned " + outcome;
  }
}
