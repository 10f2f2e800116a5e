package io.cacheman.server.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reply queue: staging blocks, references into pages, partial writes, mark and reset. */
class OutputTest {
  private final OutputBlocks pool = new OutputBlocks();
  private final Output out = new Output(pool);
  private final List<Integer> released = new ArrayList<>();
  private final ByteBuffer scratch = ByteBuffer.allocateDirect(8 * 1024);
  private final long[] written = new long[1];

  OutputTest() {
    out.releaseWith(released::add);
  }

  @Test
  void repliesSpanningBlocksComeOutInOrderThroughPartialWrites() throws IOException {
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      String line = "VALUE key" + i + " 0 ";
      out.write(line.getBytes(StandardCharsets.US_ASCII));
      out.writeUnsigned(i * 1_000_003L);
      out.writeByte('\n');
      expected.append(line).append(i * 1_000_003L).append('\n');
    }
    Sink sink = new Sink(1000, Long.MAX_VALUE);
    for (int calls = 0; !out.flushTo(sink, scratch, written); calls++) {
      assertTrue(calls < 10_000, "flushing makes progress");
    }
    assertEquals(expected.toString(), sink.text());
    assertTrue(out.isEmpty());
    assertTrue(pool.kept() >= expected.length() / OutputBlocks.BLOCK_SIZE, "blocks came back");
  }

  @Test
  void writtenBlocksGoBackWhileLaterOnesAreStillQueued() throws IOException {
    out.write(new byte[3 * OutputBlocks.BLOCK_SIZE + 10]);
    assertFalse(out.flushTo(new Sink(Integer.MAX_VALUE, 2 * OutputBlocks.BLOCK_SIZE + 5), scratch, written));
    assertEquals(2, pool.kept(), "the two blocks already written");
    assertEquals(OutputBlocks.BLOCK_SIZE + 5, out.pending());
  }

  @Test
  void resetDropsEverythingAfterTheMarkAcrossBlocksAndReferences() throws IOException {
    ByteBuffer page = ByteBuffer.allocateDirect(64);
    page.put(0, "PAGE".getBytes(StandardCharsets.US_ASCII));
    out.write("kept ".getBytes(StandardCharsets.US_ASCII));
    long mark = out.mark();
    out.write(new byte[40_000]);
    out.writeReferenced(page, 0, 4, 7);
    out.write(new byte[20_000]);
    out.reset(mark);
    assertEquals(List.of(7), released, "the dropped reference was released");
    out.writeReferenced(page, 0, 4, 8);
    out.write("\n".getBytes(StandardCharsets.US_ASCII));
    Sink sink = new Sink(4096, Long.MAX_VALUE);
    assertTrue(out.flushTo(sink, scratch, written));
    assertEquals("kept PAGE\n", sink.text());
    assertEquals(List.of(7, 8), released);
    assertEquals(10, written[0]);
  }

  @Test
  void discardReleasesReferencesNotYetWritten() throws IOException {
    ByteBuffer page = ByteBuffer.allocateDirect(20_000);
    out.writeReferenced(page, 0, 10_000, 1);
    out.writeReferenced(page, 10_000, 10_000, 2);
    assertFalse(out.flushTo(new Sink(Integer.MAX_VALUE, 12_000), scratch, written));
    assertEquals(List.of(1), released);
    out.discard();
    assertEquals(List.of(1, 2), released);
    assertTrue(out.isEmpty());
  }

  /** A channel taking at most {@code perCall} bytes a write and {@code budget} in all. */
  private static final class Sink implements WritableByteChannel {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final int perCall;
    private long budget;

    Sink(int perCall, long budget) {
      this.perCall = perCall;
      this.budget = budget;
    }

    @Override
    public int write(ByteBuffer src) {
      int n = (int) Math.min(Math.min(src.remaining(), perCall), budget);
      byte[] b = new byte[n];
      src.get(b);
      bytes.write(b, 0, n);
      budget -= n;
      return n;
    }

    String text() {
      return bytes.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void close() {
      // nothing to release
    }
  }
}
