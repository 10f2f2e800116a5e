package io.cacheman.reliability.soak;

import io.cacheman.reliability.node.NodeProcess;
import io.cacheman.reliability.node.ProcStatus;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Raw clients that misbehave against the soak's nodes, at a set rate of requests: slow readers
 * (200 pipelined gets of a 2,000-byte value read 4 KB at a time), half-sent sets (a 50 KB value
 * announced, 1 KB sent, the connection held 3 s), binary-protocol requests (which must be answered
 * within a second) and idle connections (held 20 s, at most 20 at once). Every socket has a
 * timeout and is closed by the client; {@link #close} stops everything within a few seconds.
 */
final class HostileClients implements AutoCloseable {
  private static final int SLOW_READ_GETS = 200;
  private static final int MAX_IDLE = 20;
  private static final byte[] BINARY_GET = binaryGet();

  private final List<NodeProcess> nodes;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "soak-hostile-timer");
    t.setDaemon(true);
    return t;
  });
  // each client holds its socket a few seconds: about 35 at once at the soak's rates
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "soak-hostile");
    t.setDaemon(true);
    return t;
  });
  private final Random random = new Random(14);
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong binaryUnanswered = new AtomicLong();
  private final AtomicInteger idle = new AtomicInteger();
  private volatile boolean closed;

  /** Starts sending about {@code requestsPerSecond} hostile requests a second over all nodes. */
  HostileClients(List<NodeProcess> nodes, int requestsPerSecond) {
    this.nodes = nodes;
    // one round of the four behaviours is about SLOW_READ_GETS + 3 requests
    long periodMicros = Math.max(1, 1_000_000L * (SLOW_READ_GETS + 3) / Math.max(1, requestsPerSecond));
    timer.scheduleAtFixedRate(this::round, periodMicros, periodMicros, TimeUnit.MICROSECONDS);
  }

  /** Hostile requests sent so far. */
  long requests() {
    return requests.get();
  }

  /** Binary requests that got no answer within a second (each should be refused at once). */
  long binaryUnanswered() {
    return binaryUnanswered.get();
  }

  private void round() {
    if (closed) {
      return;
    }
    NodeProcess node;
    synchronized (random) {
      node = nodes.get(random.nextInt(nodes.size()));
    }
    if (!node.isAlive() || ProcStatus.allThreadsStopped(node.pid())) {
      return; // a node the soak has stopped would leave every request unanswered by design
    }
    int port = node.port();
    pool.execute(() -> slowReader(port));
    pool.execute(() -> halfSentSet(port));
    pool.execute(() -> binary(port));
    if (idle.get() < MAX_IDLE) {
      idle.incrementAndGet();
      pool.execute(() -> idleConnection(port));
    }
  }

  private Socket connect(int port, int receiveBuffer) throws IOException {
    Socket s = new Socket();
    if (receiveBuffer > 0) {
      s.setReceiveBufferSize(receiveBuffer);
    }
    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
    s.setSoTimeout(2000);
    return s;
  }

  private void slowReader(int port) {
    try (Socket s = connect(port, 4096)) {
      StringBuilder sb = new StringBuilder("set hostile:value 0 0 2000 noreply\r\n")
          .append("v".repeat(2000)).append("\r\n");
      for (int i = 0; i < SLOW_READ_GETS; i++) {
        sb.append("get hostile:value\r\n");
      }
      s.getOutputStream().write(sb.toString().getBytes(StandardCharsets.US_ASCII));
      requests.addAndGet(SLOW_READ_GETS + 1);
      InputStream in = s.getInputStream();
      byte[] buf = new byte[4096];
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      while (!closed && System.nanoTime() - end < 0 && in.read(buf) >= 0) {
        TimeUnit.MILLISECONDS.sleep(50);
      }
    } catch (IOException e) {
      // a node being killed or stopped: this client just goes away, as a real one would
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void halfSentSet(int port) {
    try (Socket s = connect(port, 0)) {
      s.getOutputStream().write(("set hostile:half 0 0 50000\r\n" + "h".repeat(1000))
          .getBytes(StandardCharsets.US_ASCII));
      requests.incrementAndGet();
      holdOpen(3);
    } catch (IOException e) {
      // as above
    }
  }

  private void binary(int port) {
    try (Socket s = connect(port, 0)) {
      s.setSoTimeout(1000);
      s.getOutputStream().write(BINARY_GET);
      requests.incrementAndGet();
      if (s.getInputStream().read() != 0x81) {
        binaryUnanswered.incrementAndGet();
      }
    } catch (IOException e) {
      // a timeout here is a binary request left unanswered; a refused connect a dead node
      if (e instanceof java.net.SocketTimeoutException) {
        binaryUnanswered.incrementAndGet();
      }
    }
  }

  private void idleConnection(int port) {
    try (Socket s = connect(port, 0)) {
      requests.incrementAndGet();
      holdOpen(20);
    } catch (IOException e) {
      // as above
    } finally {
      idle.decrementAndGet();
    }
  }

  private void holdOpen(int seconds) {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!closed && System.nanoTime() - end < 0) {
      try {
        TimeUnit.MILLISECONDS.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** A binary-protocol get of key "k" (magic 0x80, opcode 0, key length 1, opaque 7). */
  private static byte[] binaryGet() {
    byte[] r = new byte[25];
    r[0] = (byte) 0x80;
    r[3] = 1;
    r[11] = 1;
    r[15] = 7;
    r[24] = 'k';
    return r;
  }

  @Override
  public void close() {
    closed = true;
    timer.shutdownNow();
    pool.shutdownNow();
    try {
      pool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
