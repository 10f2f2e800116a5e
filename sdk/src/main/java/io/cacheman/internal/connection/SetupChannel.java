package io.cacheman.internal.connection;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * A connection's socket while a connector thread sets it up (TLS handshake, login): waits for it to
 * turn readable or writable, all within one deadline, on a selector of its own that closes before
 * the connection joins its event loop.
 */
final class SetupChannel implements Closeable {
  private final SocketChannel channel;
  private final long deadlineNanos;
  private final String step;
  private Selector selector;
  private SelectionKey key;

  /** @param step what is being set up, for the timeout's message: "the TLS handshake" */
  SetupChannel(SocketChannel channel, long deadlineNanos, String step) {
    this.channel = channel;
    this.deadlineNanos = deadlineNanos;
    this.step = step;
  }

  SocketChannel channel() {
    return channel;
  }

  /** Waits until the socket is ready for {@code op} ({@link SelectionKey#OP_READ} or OP_WRITE). */
  void await(int op) throws IOException {
    if (selector == null) {
      selector = Selector.open();
      key = channel.register(selector, 0);
    }
    key.interestOps(op);
    while (true) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        throw new SocketTimeoutException(step + " did not finish within the connect timeout");
      }
      if (selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left))) > 0) {
        selector.selectedKeys().clear();
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    if (selector != null) {
      selector.close();
    }
  }
}
