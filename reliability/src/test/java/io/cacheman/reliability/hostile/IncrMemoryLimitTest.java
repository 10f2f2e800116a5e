package io.cacheman.reliability.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.reliability.fuzz.CommandPathFuzz;
import io.cacheman.reliability.node.Probe;
import io.cacheman.server.CachemanServer;
import io.cacheman.server.Eviction;
import io.cacheman.server.ServerConfig;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Regression test for a server-minimal bug found with the command-path fuzz target's memory
 * invariant: an {@code incr} whose result has more digits than the old value makes the item
 * larger, and {@code Arithmetic} adds the growth to the memory budget without reserving it (no
 * eviction, no refusal). Increments alone thus push a node past {@code -m}: here a 1 MB node full
 * of one-digit values grows by ~23 % when each becomes a 20-digit number, and with eviction off
 * nothing ever brings it back (docs/RELIABILITY.md, finding 7). The growth is now reserved as a store
 * reserves its chunk: with eviction off a full node refuses the increments, with LRU it evicts and refuses
 * none. The fill also checks that eviction off holds a full limit's worth of items, not one slab page's
 * first size class (keys k0..k99 take a smaller class than the rest).
 */
class IncrMemoryLimitTest {
  private static final long LIMIT = 1L << 20;
  private static final int KEYS = 20_000; // ~15,000 one-digit items fill 1 MB

  @ParameterizedTest
  @EnumSource(value = Eviction.class, names = {"NONE", "LRU"})
  void incrementsDoNotGrowANodePastItsMemoryLimit(Eviction eviction) throws IOException {
    ServerConfig config = ServerConfig.builder().port(0).threads(1).memoryLimitBytes(LIMIT)
        .maxItemSize(64 * 1024).eviction(eviction).build();
    try (CachemanServer server = CachemanServer.start(config);
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.setSoTimeout(30_000);
      // noreply silences refusals (as memcached): the node counts them in noreply_errors instead
      List<String> fillErrors = pipeline(socket, i -> "set k" + i + " 0 0 1 noreply\r\n1\r\n");
      long filled = bytes(server.port());
      long fillRefused = stat(server.port(), "noreply_errors");
      List<String> incrErrors = pipeline(socket, i -> "incr k" + i + " 10000000000000000000 noreply\r\n");
      long incremented = bytes(server.port());
      long incrRefused = stat(server.port(), "noreply_errors") - fillRefused;
      System.out.printf("[incr growth, eviction %s] store bytes %,d after filling (%,d refused), %,d after the"
          + " increments (%,d refused); limit %,d%n", eviction, filled, fillRefused, incremented, incrRefused,
          LIMIT);
      assertEquals(List.of(), fillErrors, "noreply: nothing comes back");
      assertEquals(List.of(), incrErrors, "noreply: nothing comes back");
      assertTrue(fillErrors.stream().allMatch(e -> e.equals("SERVER_ERROR out of memory storing object")),
          "only a full node's refusals: " + fillErrors.stream().distinct().toList());
      assertTrue(incrErrors.stream().allMatch(e -> e.equals("SERVER_ERROR out of memory")),
          "only a full node's refusals: " + incrErrors.stream().distinct().toList());
      assertTrue(filled <= LIMIT && filled > LIMIT - 1024, "the sets fill the store: " + filled);
      assertTrue(incremented <= LIMIT, "increments grew the store to " + incremented + " bytes, past its "
          + LIMIT + "-byte limit");
      if (eviction == Eviction.NONE) {
        assertTrue(fillRefused > 0 && incrRefused > 0, "a full node without eviction refuses sets and incrs");
      } else {
        assertEquals(0, fillRefused + incrRefused, "with eviction on, stores and lengthening incrs evict to make room");
        assertTrue(incremented > LIMIT - 1024, "the grown values fill the store: " + incremented);
      }
    }
  }

  /**
   * The same through the fuzz target (its 8 KB store, eviction off, one read): a 4-digit value and
   * two fillers bring the store to 8,187 of its 8,192 bytes; {@code incr} to 5 digits adds 8.
   */
  @Test
  void theFuzzTargetAcceptsAnIncrementOfAFullStore() {
    String stream = "set n 0 0 4\r\n9999\r\nset f 0 0 4000\r\n" + "x".repeat(4000) + "\r\nset g 0 0 3993\r\n"
        + "y".repeat(3993) + "\r\nincr n 1\r\n";
    byte[] input = ("\u0002" + stream).getBytes(StandardCharsets.ISO_8859_1); // control byte: one read, no eviction
    CommandPathFuzz.fuzzerTestOneInput(input);
  }

  /**
   * Sends one command per key, then reads up to the {@code version} reply, so all were executed.
   * {@code noreply} silences successes only: the error lines before it (a full node refusing a
   * store with eviction off) are returned.
   */
  private static List<String> pipeline(Socket socket, IntFunction<String> command) throws IOException {
    OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    for (int i = 0; i < KEYS; i++) {
      out.write(command.apply(i).getBytes(StandardCharsets.US_ASCII));
    }
    out.write("version\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    List<String> errors = new ArrayList<>();
    for (String line = line(socket.getInputStream()); !line.startsWith("VERSION "); line = line(socket.getInputStream())) {
      errors.add(line);
    }
    return errors;
  }

  private static long bytes(int port) throws IOException {
    return stat(port, "bytes");
  }

  private static long stat(int port, String name) throws IOException {
    Map<String, String> stats = Probe.stats(port, Duration.ofSeconds(10));
    return Long.parseLong(stats.get(name));
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("the node closed the connection");
      }
      b.write(c);
    }
    return b.toString(StandardCharsets.US_ASCII).strip();
  }
}
