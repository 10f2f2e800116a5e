package io.cacheman.server.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.server.ServerConfig;
import io.cacheman.server.internal.stats.ServerStats;
import io.cacheman.server.internal.store.ItemStore;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The parser without sockets, many thousands of streams a second: however a stream is cut into
 * reads, the replies are byte-identical to feeding it whole; nothing throws; a pending line never
 * outgrows the caps; and the store's books balance once the connection is gone.
 */
class ChunkingFuzzTest {
  private static final ServerConfig CONFIG = ServerConfig.builder().port(0).threads(1)
      .memoryLimitBytes(2L << 20).maxItemSize(64 * 1024).build();
  private static final Clock FROZEN = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L),
      ZoneOffset.UTC);
  private static final List<String> WORDS = List.of("set ", "get ", "gets ", "add ", "cas ",
      "append ", "prepend ", "incr ", "decr ", "touch ", "gat ", "delete ", "flush_all",
      "stats", "version", "verbosity ", "noreply", "k ", "n ", "0 ", "1 ", "5 ", "-1 ", "99 ",
      "\r\n", "\n", "\r", " ", "abc", "12345", "\0", "\u0001");

  @Property(tries = 3000, seed = "42")
  void repliesDoNotDependOnHowInputIsSplit(@ForAll("streams") byte[] stream,
      @ForAll long splitSeed) {
    byte[] whole = run(stream, new int[] {Math.max(1, stream.length)});
    Random random = new Random(splitSeed);
    int[] cuts = new int[64];
    for (int i = 0; i < cuts.length; i++) {
      cuts[i] = 1 + random.nextInt(random.nextBoolean() ? 3 : 700);
    }
    assertArrayEquals(whole, run(stream, cuts), () -> "replies differ for "
        + new String(stream, StandardCharsets.ISO_8859_1));
  }

  @Provide
  Arbitrary<byte[]> streams() {
    Arbitrary<byte[]> words = Arbitraries.of(WORDS).list().ofMaxSize(80)
        .map(l -> String.join("", l).getBytes(StandardCharsets.ISO_8859_1));
    Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
    return Arbitraries.oneOf(words, words, words, noise);
  }

  /** Feeds the stream in reads of the given sizes (cycled), as a connection would. */
  private static byte[] run(byte[] stream, int[] readSizes) {
    ServerStats stats = new ServerStats();
    ItemStore store = new ItemStore(CONFIG.memoryLimitBytes(), CONFIG.maxItemSize(),
        CONFIG.eviction(), FROZEN, stats);
    NodeContext node = new NodeContext(store, stats, CONFIG.toBuilder().clock(FROZEN).build(),
        "test", () -> 1);
    Output out = new Output();
    ProtocolHandler handler = new ProtocolHandler(node, out);
    Sink sink = new Sink();
    ByteBuffer scratch = ByteBuffer.allocate(4096);
    long[] written = new long[1];
    byte[] buf = new byte[0];
    int consumed = 0;
    int fed = 0;
    for (int r = 0; fed < stream.length && !handler.closeRequested(); r++) {
      int n = Math.min(readSizes[r % readSizes.length], stream.length - fed);
      byte[] next = Arrays.copyOf(Arrays.copyOfRange(buf, consumed, buf.length),
          buf.length - consumed + n);
      System.arraycopy(stream, fed, next, buf.length - consumed, n);
      fed += n;
      buf = next;
      consumed = 0;
      while (true) {
        int before = consumed;
        consumed = handler.process(buf, consumed, buf.length);
        drain(out, sink, scratch, written);
        if (consumed == before || consumed == buf.length || handler.closeRequested()) {
          break;
        }
      }
      assertTrue(buf.length - consumed <= ProtocolHandler.MAX_GET_LINE + 1,
          "a pending line stays under the cap");
    }
    handler.release();
    long[] scan = store.scan();
    assertEquals(scan[0], store.itemCount());
    assertEquals(scan[1], store.bytes());
    assertEquals(store.bytes(), store.usedBytes(), "no reservation outlives the connection");
    return sink.bytes.toByteArray();
  }

  private static void drain(Output out, Sink sink, ByteBuffer scratch, long[] written) {
    try {
      assertTrue(out.flushTo(sink, scratch, written));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Collects what would have gone to the socket. */
  private static final class Sink implements WritableByteChannel {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public int write(ByteBuffer src) {
      int n = src.remaining();
      byte[] b = new byte[n];
      src.get(b);
      bytes.writeBytes(b);
      return n;
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void close() {}
  }
}
