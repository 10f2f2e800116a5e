package io.cacheman.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and mutated command streams against one running node (seeded, bounded): after each
 * stream the node still answers {@code version} on a fresh connection, no connection is left
 * open, and curr_items and bytes agree with a fresh walk of the store.
 */
class ProtocolFuzzTest {
  private static final List<String> SEEDS = List.of("set k 0 0 1\r\nx\r\n", "get k k2\r\n",
      "gets k\r\n", "add k 1 0 2\r\nab\r\n", "append k 0 0 1\r\nz\r\n", "prepend k 0 0 1\r\ny\r\n",
      "cas k 0 0 1 3\r\nq\r\n", "incr n 5\r\n", "decr n 1\r\n", "set n 0 0 2\r\n10\r\n",
      "touch k 10\r\n", "gat 5 k n\r\n", "delete k\r\n", "flush_all 0\r\n", "verbosity 1\r\n",
      "stats\r\n", "version\r\n", "replace k 0 0 1\r\nr\r\n", "set big 0 0 2000\r\n"
          + "b".repeat(2000) + "\r\n", "delete k 0 noreply\r\n",
      // meta commands
      "mg k v c f s t k O1 h l\r\n", "mg k N30 T10 R5 v q\r\n", "ms k 2 T0 F3 c k\r\nhi\r\n",
      "ms k 1 MA C1 I q\r\nz\r\n", "md k I T30 q\r\n", "md k C2 k O9\r\n",
      "ma n N0 J5 D2 MD v t c\r\n", "mg Zm9v b k v\r\n", "ms Zm9v 1 b\r\nx\r\n", "mn\r\n",
      "me k\r\n", "me Zm9v b\r\n");
  private static CachemanServer server;

  @BeforeContainer
  static void startNode() {
    // A clock that stands still: nothing expires behind the consistency check's back.
    server = CachemanServer.start(ServerConfig.builder().port(0).threads(2)
        .memoryLimitBytes(2L << 20).maxItemSize(64 * 1024).clock(new ManualClock()).build());
  }

  @AfterContainer
  static void stopNode() {
    server.close();
  }

  @Property(tries = 500, seed = "20261126")
  void anyByteStreamLeavesTheNodeServing(@ForAll("streams") byte[] stream) throws Exception {
    try (TextClient c = new TextClient(server.port(), 10_000)) {
      c.send(stream);
      c.finish();
    } catch (IOException e) {
      // The node may close on hostile input while we still write; that is allowed.
    }
    try (TextClient c = new TextClient(server.port())) {
      assertTrue(c.call("version\r\n").startsWith("VERSION "));
    }
    Waits.await()
        .until(() -> ((Number) server.stats().get("curr_connections")).intValue() == 0);
    long[] scan = server.store().scan();
    assertEquals(scan[0], ((Number) server.stats().get("curr_items")).longValue());
    assertEquals(scan[1], ((Number) server.stats().get("bytes")).longValue());
    assertEquals(scan[1], server.store().usedBytes(), "no memory reserved by a dead connection");
  }

  @Provide
  Arbitrary<byte[]> streams() {
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(3000);
    Arbitrary<byte[]> mutated = Combinators.combine(
        Arbitraries.of(SEEDS).list().ofMinSize(1).ofMaxSize(30),
        Arbitraries.integers().between(0, 20),
        Arbitraries.longs()).as(ProtocolFuzzTest::mutate);
    return Arbitraries.oneOf(random, mutated, mutated, mutated);
  }

  /** Concatenates seed commands, then flips, inserts and deletes bytes at seeded positions. */
  private static byte[] mutate(List<String> commands, int mutations, long seed) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String command : commands) {
      out.writeBytes(command.getBytes(StandardCharsets.US_ASCII));
    }
    byte[] b = out.toByteArray();
    java.util.Random random = new java.util.Random(seed);
    byte[] interesting = " \r\n\0-9".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < mutations && b.length > 0; i++) {
      int at = random.nextInt(b.length);
      switch (random.nextInt(3)) {
        case 0:
          b[at] = random.nextBoolean() ? (byte) random.nextInt(256)
              : interesting[random.nextInt(interesting.length)];
          break;
        case 1:
          byte[] longer = new byte[b.length + 1];
          System.arraycopy(b, 0, longer, 0, at);
          longer[at] = interesting[random.nextInt(interesting.length)];
          System.arraycopy(b, at, longer, at + 1, b.length - at);
          b = longer;
          break;
        default:
          byte[] shorter = new byte[b.length - 1];
          System.arraycopy(b, 0, shorter, 0, at);
          System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
          b = shorter;
          break;
      }
    }
    return b;
  }
}
