package io.cacheman.internal.connection;

import io.cacheman.internal.protocol.BlockSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import okio.Buffer;

/**
 * The bytes a {@link BatchWriter} has encoded and not yet handed to the socket, in order: command
 * lines and small values in an okio buffer, data blocks of {@value #BY_REFERENCE} bytes and more as
 * their own arrays, each at its place in the stream. Used by the flush role's holder only.
 *
 * <h2>Why</h2>
 * A 1 MB value copied into the buffer takes 128 segments of 8 KB, far more than okio's segment pool
 * keeps, so each is a fresh allocation, and is then copied again into the socket's buffer: a profile
 * at 1 MB values put a third of the client's samples there. By reference it is copied once, from its
 * array straight into the (direct) socket buffer. Writing the array itself ({@code ByteBuffer.wrap})
 * would not save that copy: the JDK copies a heap buffer into a direct one of its own for each write,
 * all of what remains even when the socket takes only part of it.
 */
final class Outbound implements BlockSink {
  /** Smaller blocks are copied into the buffer: they share its pooled segments with the command lines. */
  static final int BY_REFERENCE = 16 * 1024;

  private final Buffer bytes = new Buffer();
  private final ArrayDeque<Block> blocks = new ArrayDeque<>();
  private long taken; // bytes moved out of `bytes` so far: with its size, the stream position of its end

  private static final class Block {
    final long at; // the stream position of its first byte, counted in bytes of `bytes`
    final byte[] data;
    int sent;

    Block(long at, byte[] data) {
      this.at = at;
      this.data = data;
    }
  }

  /** Where requests write their command lines ({@link Request#writeTo}). */
  Buffer buffer() {
    return bytes;
  }

  @Override
  public void write(byte[] block) {
    if (block.length < BY_REFERENCE) {
      bytes.write(block);
    } else {
      blocks.add(new Block(taken + bytes.size(), block));
    }
  }

  boolean isEmpty() {
    return bytes.size() == 0 && blocks.isEmpty();
  }

  /** Moves the next bytes of the stream into {@code dst} (in write mode) until it is full or nothing is left. */
  void moveTo(ByteBuffer dst) throws IOException { // okio declares it; a buffer does not throw
    while (dst.hasRemaining() && !isEmpty()) {
      Block next = blocks.peek();
      if (next != null && next.at == taken) {
        int n = Math.min(dst.remaining(), next.data.length - next.sent);
        dst.put(next.data, next.sent, n);
        next.sent += n;
        if (next.sent == next.data.length) {
          blocks.poll();
        }
        continue;
      }
      long before = next == null ? bytes.size() : next.at - taken; // the buffer's bytes ahead of the next block
      int limit = dst.limit();
      dst.limit(dst.position() + (int) Math.min(dst.remaining(), before));
      try {
        taken += bytes.read(dst); // one segment at most
      } finally {
        dst.limit(limit);
      }
    }
  }
}
