package io.cacheman.internal.connection;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * A connection's bytes through TLS: the JDK's {@link SSLEngine} between the pipelined request and
 * reply streams and the socket, on the same event loop as plaintext. The handshake runs first, on
 * the connector thread ({@link #handshake}); after it, reads and writes go through the engine, which
 * allows one reader and one writer at once.
 */
final class TlsTransport implements Transport {
  private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

  private final SocketChannel channel;
  private final SSLEngine engine;
  private ByteBuffer netIn; // records from the socket, not yet unwrapped; write mode
  private ByteBuffer appIn; // plaintext unwrapped, not yet read; read mode
  private final ByteBuffer netOut; // records wrapped, not yet on the socket; read mode
  private boolean inboundClosed;

  private TlsTransport(SocketChannel channel, SSLEngine engine) {
    this.channel = channel;
    this.engine = engine;
    this.netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()).flip();
    this.netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize()).flip();
  }

  /**
   * Runs the handshake on {@code setup}'s socket within its deadline.
   *
   * @throws SSLException when the node's certificate is refused, or it does not speak TLS
   */
  static TlsTransport handshake(SetupChannel setup, SSLEngine engine) throws IOException {
    TlsTransport tls = new TlsTransport(setup.channel(), engine);
    engine.beginHandshake();
    while (true) {
      switch (engine.getHandshakeStatus()) {
        case NEED_TASK -> tls.runTasks();
        case NEED_WRAP -> {
          if (!tls.write(NOTHING)) {
            setup.await(SelectionKey.OP_WRITE);
          }
        }
        case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
          if (!tls.unwrapRecord()) {
            int n = tls.channel.read(tls.netIn);
            if (n < 0) {
              throw new EOFException("the node closed the connection during the TLS handshake");
            }
            if (n == 0) {
              setup.await(SelectionKey.OP_READ);
            }
          }
        }
        default -> {
          while (!tls.write(NOTHING)) { // the handshake's last flight may still be buffered
            setup.await(SelectionKey.OP_WRITE);
          }
          return tls;
        }
      }
    }
  }

  @Override
  public boolean peerMayHoldBytes() {
    return true;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    int moved = 0;
    while (dst.hasRemaining()) {
      if (appIn.hasRemaining()) {
        moved += transfer(appIn, dst);
      } else if (inboundClosed) {
        return moved > 0 ? moved : -1;
      } else if (!unwrapRecord()) {
        int n = channel.read(netIn);
        if (n <= 0) {
          return moved > 0 || n == 0 ? moved : -1;
        }
      } else if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
        write(NOTHING); // a post-handshake message wants an answer (TLS 1.3 key update)
      }
    }
    return moved;
  }

  @Override
  public synchronized boolean write(ByteBuffer src) throws IOException {
    if (!flushWrapped()) {
      return false;
    }
    do {
      netOut.clear();
      SSLEngineResult result;
      try {
        result = engine.wrap(src, netOut);
      } finally {
        netOut.flip();
      }
      if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
        throw new SSLException("the TLS session is closed");
      }
      runTasks();
      if (!flushWrapped()) {
        return false;
      }
    } while (src.hasRemaining());
    return true;
  }

  /** Unwraps one record from {@link #netIn} into {@link #appIn}; false when no whole record is there. */
  private boolean unwrapRecord() throws IOException {
    netIn.flip();
    appIn.clear();
    SSLEngineResult result;
    try {
      result = engine.unwrap(netIn, appIn);
    } finally {
      netIn.compact();
      appIn.flip();
    }
    runTasks();
    switch (result.getStatus()) {
      case BUFFER_UNDERFLOW -> {
        if (!netIn.hasRemaining()) { // a record larger than the buffer: the session allows it
          netIn = grow(netIn, engine.getSession().getPacketBufferSize());
        }
        return false;
      }
      case BUFFER_OVERFLOW -> {
        appIn = grow(appIn.compact(), engine.getSession().getApplicationBufferSize()).flip();
        return true;
      }
      case CLOSED -> {
        inboundClosed = true;
        return true;
      }
      default -> {
        return true;
      }
    }
  }

  private boolean flushWrapped() throws IOException {
    while (netOut.hasRemaining()) {
      if (channel.write(netOut) == 0) {
        return false;
      }
    }
    return true;
  }

  private void runTasks() {
    Runnable task;
    while ((task = engine.getDelegatedTask()) != null) {
      task.run();
    }
  }

  private static int transfer(ByteBuffer from, ByteBuffer to) {
    int n = Math.min(from.remaining(), to.remaining());
    ByteBuffer slice = from.slice(from.position(), n);
    to.put(slice);
    from.position(from.position() + n);
    return n;
  }

  /** {@code buffer} (write mode) with room for at least {@code size} more bytes. */
  private static ByteBuffer grow(ByteBuffer buffer, int size) {
    ByteBuffer bigger = ByteBuffer.allocate(buffer.position() + Math.max(size, buffer.capacity()));
    return bigger.put(buffer.flip());
  }
}
