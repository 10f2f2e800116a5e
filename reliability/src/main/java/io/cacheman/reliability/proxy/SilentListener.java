package io.cacheman.reliability.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback port where TCP connects hang: the address of a node behind a black-holed link.
 *
 * <p>It listens with a backlog of one and never accepts, then fills that backlog itself. Linux
 * silently drops the SYN of any further connect while the accept queue is full (with the default
 * {@code net.ipv4.tcp_abort_on_overflow = 0}), so a client's connect gets neither an answer nor a
 * refusal and can only end by its own connect timeout, as behind a dead link. No root, no
 * firewall rules, loopback only.
 *
 * <pre>{@code
 * try (SilentListener hole = SilentListener.open()) {
 *   // new Socket().connect(hole.address(), 200) throws SocketTimeoutException after 200 ms
 * }
 * }</pre>
 *
 * <p>{@link #close()} releases the port and the filler sockets. Not thread-safe.
 */
public final class SilentListener implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SilentListener.class);
  private static final int PROBE_TIMEOUT_MILLIS = 100;
  private static final int MAX_FILLERS = 8;

  private final ServerSocket listener;
  private final List<Socket> fillers = new ArrayList<>();

  private SilentListener() throws IOException {
    listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    fill();
  }

  /**
   * Opens a silent port.
   *
   * @throws IllegalStateException if connects are still answered once the backlog is full (the
   *     kernel aborts on overflow instead of dropping)
   */
  public static SilentListener open() {
    try {
      return new SilentListener();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a silent loopback port: " + e.getMessage(), e);
    }
  }

  /** The port whose connects hang. */
  public int port() {
    return listener.getLocalPort();
  }

  /** The address whose connects hang. */
  public InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port());
  }

  /** Releases the port and the sockets that fill its backlog; idempotent. */
  @Override
  public void close() {
    for (Socket s : fillers) {
      closeQuietly(s);
    }
    fillers.clear();
    try {
      listener.close();
    } catch (IOException e) {
      log.debug("closing the silent listener: {}", e.getMessage());
    }
  }

  /** Connects until one connect times out: from then on the accept queue is full. */
  private void fill() throws IOException {
    while (fillers.size() < MAX_FILLERS) {
      Socket s = new Socket();
      try {
        s.connect(address(), PROBE_TIMEOUT_MILLIS);
        fillers.add(s);
      } catch (SocketTimeoutException full) {
        closeQuietly(s);
        return;
      }
    }
    close();
    throw new IllegalStateException("the kernel keeps answering connects to a full accept queue "
        + "(is net.ipv4.tcp_abort_on_overflow set?); cannot simulate a black-holed link");
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      log.debug("closing a filler socket: {}", e.getMessage());
    }
  }
}
