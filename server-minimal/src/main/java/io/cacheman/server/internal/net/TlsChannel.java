package io.cacheman.server.internal.net;

import io.cacheman.server.internal.stats.ServerStats;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * A non-blocking socket seen through the JDK's {@link SSLEngine}: {@link #read} hands out
 * plaintext, {@link #write} takes plaintext, and both drive the handshake as bytes allow, so a
 * {@link Connection} uses it exactly as it uses the bare {@link SocketChannel}. Ciphertext
 * arriving in pieces is kept until a whole record is there; ciphertext the socket would not take
 * waits in an outgoing buffer, which {@link #flushPending} writes when the socket drains (until
 * then {@link #write} takes nothing, so the connection's backpressure holds as in plaintext).
 *
 * <p>Unlike a socket, this can hold input the selector no longer reports (a record already read
 * and decrypted but not yet taken): {@link #hasBufferedInput} says so, and the connection asks
 * its loop to read again. The engine's delegated tasks (signature checks of the handshake) run on
 * the event loop thread: a handshake costs well under a millisecond of it.
 *
 * <p>Not thread-safe: confined to its event loop thread.
 */
final class TlsChannel implements ByteChannel {
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  private final SocketChannel channel;
  private final SSLEngine engine;
  private final TlsBuffers buffers;
  private final ServerStats stats;
  /** Ciphertext read and not yet decrypted (filling mode), or null when none. */
  private ByteBuffer netIn;
  /** Plaintext decrypted and not yet handed out (draining mode), or null when none. */
  private ByteBuffer appIn;
  /** Ciphertext not yet written (draining mode), or null when none. */
  private ByteBuffer netOut;
  private boolean started;
  private boolean handshaken;
  /** netIn holds only part of a record, and the socket had no more. */
  private boolean needsBytes;
  private boolean inboundDone;
  private boolean closeSent;

  TlsChannel(SocketChannel channel, SSLEngine engine, TlsBuffers buffers, ServerStats stats) {
    this.channel = channel;
    this.engine = engine;
    this.buffers = buffers;
    this.stats = stats;
  }

  boolean handshaken() {
    return handshaken;
  }

  /** True when a read would produce input without the socket having anything new. */
  boolean hasBufferedInput() {
    return appIn != null || (netIn != null && netIn.position() > 0 && !needsBytes);
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    int before = dst.position();
    try {
      while (dst.hasRemaining()) {
        if (appIn != null) {
          drainAppIn(dst);
        } else if (inboundDone) {
          break;
        } else if (!handshaken) {
          if (!handshake()) {
            break;
          }
        } else if (!unwrapData()) {
          break;
        }
      }
    } catch (SSLException e) {
      throw failed(e);
    } finally {
      releaseEmptyInput();
    }
    int n = dst.position() - before;
    return n == 0 && inboundDone && appIn == null ? -1 : n;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    try {
      if (!flushNetOut() || (!handshaken && !handshake())) {
        return 0;
      }
      int before = src.position();
      while (src.hasRemaining()) {
        encrypt(src);
        if (!flushNetOut()) {
          break;
        }
      }
      return src.position() - before;
    } catch (SSLException e) {
      throw failed(e);
    }
  }

  /**
   * Writes ciphertext left over from an earlier write or handshake step; true when none is left
   * (the connection may then stop asking for writability).
   */
  boolean flushPending() throws IOException {
    try {
      if (flushNetOut() && started && engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
        handshake();
      }
      return netOut == null;
    } catch (SSLException e) {
      throw failed(e);
    }
  }

  /** Best effort: tells the client this is the end (close_notify) before the socket closes. */
  void sendCloseNotify() {
    if (closeSent || !started) {
      return;
    }
    closeSent = true;
    engine.closeOutbound();
    try {
      for (int i = 0; i < 4 && !engine.isOutboundDone(); i++) {
        encrypt(EMPTY);
        if (!flushNetOut()) {
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      // the socket is closing anyway: a client that misses close_notify sees the FIN
    }
  }

  /** The connection is gone: buffers go back to the loop. */
  void release() {
    for (ByteBuffer b : new ByteBuffer[] {netIn, appIn, netOut}) {
      if (b != null) {
        buffers.give(b);
      }
    }
    netIn = null;
    appIn = null;
    netOut = null;
  }

  @Override
  public boolean isOpen() {
    return channel.isOpen();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  /** Advances the handshake; true once complete, false while it waits for the socket. */
  private boolean handshake() throws IOException {
    if (!started) {
      started = true;
      engine.beginHandshake();
    }
    while (true) {
      switch (engine.getHandshakeStatus()) {
        case NEED_TASK -> {
          Runnable task;
          while ((task = engine.getDelegatedTask()) != null) {
            task.run();
          }
        }
        case NEED_WRAP -> {
          encrypt(EMPTY);
          if (!flushNetOut()) {
            return false;
          }
        }
        case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
          if (appIn != null || !unwrapData()) {
            return false;
          }
          if (inboundDone) {
            return false; // the client left mid-handshake: read() reports the end
          }
        }
        default -> {
          handshaken = true;
          return true;
        }
      }
    }
  }

  /**
   * Decrypts one record into {@link #appIn}, reading the socket first when no whole record is
   * here; false when the socket has nothing more for now.
   */
  private boolean unwrapData() throws IOException {
    if (netIn == null || netIn.position() == 0 || needsBytes) {
      if (netIn == null) {
        netIn = buffers.takeRecord();
      } else if (!netIn.hasRemaining()) {
        netIn = grown(netIn, engine.getSession().getPacketBufferSize());
      }
      int n = channel.read(netIn);
      if (n < 0) {
        inboundDone = true;
        return true;
      }
      if (n == 0) {
        return false;
      }
      needsBytes = false;
    }
    ByteBuffer dst = buffers.takeRecord();
    netIn.flip();
    SSLEngineResult result;
    try {
      result = engine.unwrap(netIn, dst);
    } finally {
      netIn.compact();
      dst.flip();
      if (dst.hasRemaining()) {
        appIn = dst;
      } else {
        buffers.give(dst);
      }
    }
    Status status = result.getStatus();
    if (status == Status.BUFFER_UNDERFLOW) {
      needsBytes = true;
    } else if (status == Status.CLOSED) {
      inboundDone = true; // close_notify: the client is done sending
    } else if (status == Status.BUFFER_OVERFLOW) {
      throw new SSLException("a TLS record larger than " + dst.capacity() + " bytes");
    }
    if (handshaken && result.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING
        && result.getHandshakeStatus() != HandshakeStatus.FINISHED && !inboundDone) {
      handshake(); // a post-handshake message (key update) wants an answer
    }
    return true;
  }

  /** Encrypts as much of {@code src} as the outgoing buffer holds, whole records at a time. */
  private void encrypt(ByteBuffer src) throws SSLException {
    if (netOut == null) {
      netOut = buffers.takeOutgoing();
    } else {
      netOut.compact();
    }
    try {
      do {
        SSLEngineResult r = engine.wrap(src, netOut);
        if (r.getStatus() != Status.OK || r.bytesProduced() == 0) {
          break; // full (flush, then go on), closed, or nothing to say
        }
      } while (src.hasRemaining() && netOut.remaining() >= TlsBuffers.RECORD);
    } finally {
      netOut.flip();
    }
  }

  /** Writes the outgoing ciphertext; true when all of it is in the kernel. */
  private boolean flushNetOut() throws IOException {
    if (netOut == null) {
      return true;
    }
    while (netOut.hasRemaining()) {
      if (channel.write(netOut) == 0) {
        return false;
      }
    }
    buffers.give(netOut);
    netOut = null;
    return true;
  }

  private void drainAppIn(ByteBuffer dst) {
    int n = Math.min(dst.remaining(), appIn.remaining());
    int limit = appIn.limit();
    appIn.limit(appIn.position() + n);
    dst.put(appIn);
    appIn.limit(limit);
    if (!appIn.hasRemaining()) {
      buffers.give(appIn);
      appIn = null;
    }
  }

  private void releaseEmptyInput() {
    if (netIn != null && netIn.position() == 0) {
      buffers.give(netIn);
      netIn = null;
      needsBytes = false;
    }
  }

  private static ByteBuffer grown(ByteBuffer b, int atLeast) {
    ByteBuffer bigger = ByteBuffer.allocate(Math.max(atLeast, b.capacity() * 2));
    b.flip();
    bigger.put(b);
    return bigger;
  }

  /**
   * A failed handshake or a broken record: counted, the alert sent if the socket takes it, and
   * one line for the log naming the client and the reason (never a stack trace).
   */
  private SSLException failed(SSLException e) {
    if (!handshaken) {
      stats.sslHandshakeErrors.increment();
    }
    sendCloseNotify();
    String reason = String.valueOf(e.getMessage());
    if (reason.contains("nrecognized SSL message") && !reason.contains("plaintext")) {
      reason += " (a client speaking plaintext to this TLS port?)";
    }
    String peer;
    try {
      peer = String.valueOf(channel.getRemoteAddress());
    } catch (IOException io) {
      peer = "a client";
    }
    return handshaken ? new SSLException("TLS error with " + peer + ": " + reason)
        : new SSLHandshakeException("TLS handshake with " + peer + " failed: " + reason);
  }
}
