package io.cacheman.internal.connection;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The bytes of one connection, plain or through TLS ({@link TlsTransport}). Non-blocking: both
 * calls move what they can now. The read side is used by one thread at a time (the read role's
 * holder), the write side by one thread at a time (the flush role's holder).
 */
interface Transport {
  /** Reads plaintext into {@code dst}: the bytes moved, 0 once the socket has nothing more, -1 at its end. */
  int read(ByteBuffer dst) throws IOException;

  /**
   * Sends what it can of {@code src}; true when all of it, and everything sent before, has gone to
   * the socket, false when the socket is full (wait until it is writable, then call again).
   */
  boolean write(ByteBuffer src) throws IOException;

  /**
   * True when the node may hold bytes it has received without reading them until more arrive:
   * memcached 1.6.18 over TLS leaves a record it has read in part inside OpenSSL, where its event
   * loop does not see it, and then waits for the socket (see {@link BatchWriter#NUDGE_AFTER_NANOS}).
   */
  default boolean peerMayHoldBytes() {
    return false;
  }

  /** The socket itself, plaintext. */
  static Transport plain(SocketChannel channel) {
    return new Transport() {
      @Override
      public int read(ByteBuffer dst) throws IOException {
        return channel.read(dst);
      }

      @Override
      public boolean write(ByteBuffer src) throws IOException {
        if (src.hasRemaining()) {
          channel.write(src);
        }
        return !src.hasRemaining();
      }
    };
  }
}
