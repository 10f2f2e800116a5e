package io.cacheman.reliability.hostile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.reliability.node.NodeProcess;
import io.cacheman.reliability.node.NodeSpec;
import io.cacheman.reliability.node.Probe;
import io.cacheman.reliability.testing.Expect;
import io.cacheman.server.CachemanServer;
import io.cacheman.server.JvmSizing;
import io.cacheman.server.ServerConfig;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Memory under hostile load: writing ten times the limit keeps the node process within the RSS
 * bound docs/server.md states, and a thousand half-open connections plus a client that never reads
 * its replies do not grow the node's heap without bound.
 */
class NodeMemoryTest {
  private static final int LIMIT_MB = 16;

  @Test
  void writingTenTimesTheLimitStaysWithinTheDocumentedRss() throws IOException, InterruptedException {
    // docs/server.md: with the JVM options JvmSizing gives for -m M (-Xmx M/4 + 64 MB,
    // -XX:MaxDirectMemorySize M + 64 MB) the node's RSS stays below 1.25 x M + 192 MB.
    List<String> jvm = JvmSizing.options((long) LIMIT_MB << 20, ServerConfig.DEFAULT_MAX_ITEM_SIZE);
    NodeSpec spec = NodeSpec.serverMinimal().withMemoryMb(LIMIT_MB).withThreads(2)
        .withJvmArgs(jvm.toArray(String[]::new));
    long bound = ((long) LIMIT_MB * 5 / 4 + 192) << 20;
    try (NodeProcess node = NodeProcess.start(spec)) {
      long written = fill(node.port(), 100 * 1024, 5L * LIMIT_MB << 20)
          + fill(node.port(), 1024, 5L * LIMIT_MB << 20);
      long hwm = node.peakRssBytes();
      long evictions = Long.parseLong(Probe.stats(node.port(), Duration.ofSeconds(5)).get("evictions"));
      System.out.printf("[memory] wrote %d MB to -m %d %s: peak VmRSS (VmHWM) %d MB, bound %d MB,"
          + " evictions %d%n", written >> 20, LIMIT_MB, String.join(" ", jvm), hwm >> 20, bound >> 20,
          evictions);
      assertTrue(node.isAlive(), "the node died");
      Expect.atMost("peak RSS (MB)", hwm >> 20, bound >> 20);
      Expect.atLeast("evictions", evictions, 1);
      assertTrue(Probe.answersVersion(node.port(), Duration.ofSeconds(5)));
    }
  }

  /** Stores {@code total} bytes in values of {@code size}, pipelined, reading the replies as it goes. */
  private static long fill(int port, int size, long total) throws IOException {
    byte[] value = new byte[size];
    Arrays.fill(value, (byte) 'm');
    long count = total / size;
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(30_000);
      OutputStream out = new BufferedOutputStream(s.getOutputStream(), 256 * 1024);
      InputStream in = s.getInputStream();
      Thread reader = new Thread(() -> drain(in, count), "fill-replies");
      reader.start();
      for (long i = 0; i < count; i++) {
        out.write(("set m" + size + "-" + i + " 0 0 " + size + " \r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(value);
        out.write('\r');
        out.write('\n');
      }
      out.flush();
      try {
        reader.join(120_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return count * size;
  }

  private static void drain(InputStream in, long replies) {
    long seen = 0;
    byte[] buffer = new byte[64 * 1024];
    try {
      while (seen < replies) {
        int n = in.read(buffer);
        if (n < 0) {
          return;
        }
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            seen++;
          }
        }
      }
    } catch (IOException e) {
      // the test's assertions report what went wrong
    }
  }

  @Test
  void halfOpenConnectionsAndANonReadingClientDoNotGrowTheHeapWithoutBound() throws IOException {
    try (CachemanServer server = CachemanServer.start(ServerConfig.builder().port(0)
        .memoryLimitBytes((long) LIMIT_MB << 20).threads(2).build())) {
      int port = server.port();
      long before = heapAfterGc();
      List<Socket> sockets = new ArrayList<>();
      try {
        byte[] big = new byte[500 * 1024];
        Arrays.fill(big, (byte) 'b');
        try (Socket setup = new Socket(InetAddress.getLoopbackAddress(), port)) {
          setup.getOutputStream().write("set big 0 0 512000\r\n".getBytes(StandardCharsets.US_ASCII));
          setup.getOutputStream().write(big);
          setup.getOutputStream().write("\r\n".getBytes(StandardCharsets.US_ASCII));
          setup.setSoTimeout(5_000);
          setup.getInputStream().readNBytes(8);
        }
        for (int i = 0; i < 1_000; i++) { // half-open: a large value announced, ten bytes sent, then silence
          Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
          s.getOutputStream().write(("set half" + i + " 0 0 100000\r\n0123456789").getBytes(StandardCharsets.US_ASCII));
          sockets.add(s);
        }
        Socket deaf = new Socket(InetAddress.getLoopbackAddress(), port); // asks for 10 GB and never reads
        deaf.setReceiveBufferSize(4096);
        sockets.add(deaf);
        StringBuilder gets = new StringBuilder();
        for (int i = 0; i < 1_000; i++) {
          gets.append("get big\r\n");
        }
        byte[] batch = gets.toString().getBytes(StandardCharsets.US_ASCII);
        long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        Thread writer = new Thread(() -> {
          try {
            for (int i = 0; i < 20 && System.nanoTime() - end < 0; i++) {
              deaf.getOutputStream().write(batch); // blocks once the node stops reading: that is the point
            }
          } catch (IOException e) {
            // closed at the end of the test
          }
        }, "deaf-writer");
        writer.setDaemon(true);
        writer.start();
        Expect.atLeast("half-open connections", sockets.size(), 1_000);
        long start = System.nanoTime();
        boolean answers = Probe.answersVersion(port, Duration.ofSeconds(5));
        Duration versionTook = Expect.since(start);
        while (System.nanoTime() - end < 0) {
          Thread.onSpinWait();
        }
        long during = heapAfterGc();
        System.out.printf("[memory] 1,000 half-open connections + a deaf client: heap after GC %d MB -> %d MB "
            + "(limit %d MB); version answered in %d ms%n", before >> 20, during >> 20, LIMIT_MB,
            versionTook.toMillis());
        assertTrue(answers, "the node answers version while hostile connections are open");
        // Items are bounded by the limit, half-sent values are reserved against that same limit, and
        // replies queue up to the node's per-connection backlog (4 MB): with buffers, 128 MB is ample.
        Expect.atMost("heap growth (MB)", (during - before) >> 20, 128);
      } finally {
        for (Socket s : sockets) {
          s.close();
        }
      }
      assertTrue(Probe.answersVersion(port, Duration.ofSeconds(5)));
    }
  }

  private static long heapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
