package io.cacheman.server.internal.net;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * An event loop's spare TLS buffers. A TLS connection holds its record buffers only while bytes
 * wait in them (an idle connection holds none), so a thousand idle TLS clients cost no more heap
 * than a thousand plaintext ones. Heap buffers: direct memory is where the items live.
 *
 * <p>Not thread-safe: confined to its event loop thread.
 */
final class TlsBuffers {
  /** Holds one TLS record either way: 16 KB of plaintext, or its ciphertext (16,709 bytes). */
  static final int RECORD = 17 * 1024 + 512;
  /** Outgoing ciphertext: several records go out in one socket write. */
  static final int OUTGOING = 4 * RECORD;
  private static final int KEEP = 32;

  private final ArrayDeque<ByteBuffer> records = new ArrayDeque<>();
  private final ArrayDeque<ByteBuffer> outgoing = new ArrayDeque<>();

  ByteBuffer takeRecord() {
    ByteBuffer b = records.poll();
    return b != null ? b : ByteBuffer.allocate(RECORD);
  }

  ByteBuffer takeOutgoing() {
    ByteBuffer b = outgoing.poll();
    return b != null ? b : ByteBuffer.allocate(OUTGOING);
  }

  /** Takes back a buffer of either size; others (grown for a huge record) are dropped. */
  void give(ByteBuffer b) {
    b.clear();
    ArrayDeque<ByteBuffer> pool = b.capacity() == RECORD ? records
        : b.capacity() == OUTGOING ? outgoing : null;
    if (pool != null && pool.size() < KEEP) {
      pool.push(b);
    }
  }
}
