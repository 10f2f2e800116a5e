package io.cacheman.bench.server;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One selector thread of the {@link CannedServer}, serving the connections handed to it. */
final class CannedLoop implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(CannedLoop.class);

  private final byte[] value;
  private final Selector selector;
  private final Queue<SocketChannel> adopted = new ConcurrentLinkedQueue<>();
  private final Thread thread;
  private volatile boolean running = true;

  CannedLoop(byte[] value, String name) throws IOException {
    this.value = value;
    this.selector = Selector.open();
    this.thread = new Thread(this, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Hands a freshly accepted connection to this loop (any thread). */
  void adopt(SocketChannel channel) {
    adopted.add(channel);
    selector.wakeup();
  }

  @Override
  public void run() {
    try {
      while (running) {
        selector.select();
        registerAdopted();
        for (SelectionKey key : selector.selectedKeys()) {
          serve(key);
        }
        selector.selectedKeys().clear();
      }
    } catch (IOException e) {
      log.warn("canned server loop {} stopped: {}", thread.getName(), e.getMessage());
    } finally {
      for (SelectionKey key : selector.keys()) {
        closeQuietly(key);
      }
      try {
        selector.close();
      } catch (IOException e) {
        log.debug("closing selector: {}", e.getMessage());
      }
    }
  }

  private void registerAdopted() throws IOException {
    SocketChannel channel;
    while ((channel = adopted.poll()) != null) {
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      channel.register(selector, SelectionKey.OP_READ, new CannedConnection(value));
    }
  }

  private void serve(SelectionKey key) {
    SocketChannel channel = (SocketChannel) key.channel();
    CannedConnection connection = (CannedConnection) key.attachment();
    try {
      if (key.isReadable() && !connection.read(channel)) {
        closeQuietly(key);
        return;
      }
      boolean flushed = connection.service(channel);
      if (flushed && connection.closing()) {
        closeQuietly(key);
        return;
      }
      // While the client does not read, stop reading from it: its pipeline backs up, not our memory.
      key.interestOps(flushed ? SelectionKey.OP_READ : SelectionKey.OP_WRITE);
    } catch (IOException e) {
      // A client that resets its connection mid-run is normal at the end of a benchmark.
      log.debug("canned connection closed: {}", e.getMessage());
      closeQuietly(key);
    }
  }

  private static void closeQuietly(SelectionKey key) {
    key.cancel();
    try {
      key.channel().close();
    } catch (IOException e) {
      log.debug("closing canned connection: {}", e.getMessage());
    }
  }

  /** Stops the loop and closes its connections. */
  void close() {
    running = false;
    selector.wakeup();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
