package io.cacheman.reliability.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.reliability.node.NodeProcess;
import io.cacheman.reliability.node.NodeSpec;
import io.cacheman.reliability.node.Probe;
import io.cacheman.reliability.testing.Expect;
import io.cacheman.reliability.workload.SchedulingNoise;
import io.cacheman.server.JvmSizing;
import io.cacheman.server.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, point 1 (RELIABILITY.md §B19): clients that never read their replies, up to {@code
 * -c} of them, each pipelining 10,000 gets of a 2,000-byte value. The node, a process started
 * with the JVM options the docs give, keeps its resident memory under the documented bound, keeps
 * serving a well-behaved client fast, and no thread dies. With a heap far below the documented
 * size, the node that runs out of memory exits (status 3, one last line) instead of keeping its
 * port and answering nothing.
 */
class NonReadingClientsTest {
  private static final int MEMORY_MB = 100;
  private static final int CONNECTIONS = 200;
  private static final byte[] GETS = "get ow\r\n".repeat(10_000).getBytes(StandardCharsets.US_ASCII);

  @Test
  void twoHundredClientsThatNeverReadCannotTakeTheNodesMemory() throws Exception {
    List<String> jvm = JvmSizing.options((long) MEMORY_MB << 20, ServerConfig.DEFAULT_MAX_ITEM_SIZE);
    NodeSpec spec = NodeSpec.serverMinimal().withMemoryMb(MEMORY_MB).withThreads(2)
        .withMaxConnections(CONNECTIONS + 10).withJvmArgs(jvm.toArray(String[]::new));
    long bound = ((long) MEMORY_MB * 5 / 4 + 192) << 20;
    List<SocketChannel> deaf = new ArrayList<>();
    try (NodeProcess node = NodeProcess.start(spec); SchedulingNoise noise = SchedulingNoise.start();
        Socket good = new Socket(InetAddress.getLoopbackAddress(), node.port())) {
      good.setSoTimeout(5000);
      good.setTcpNoDelay(true);
      OutputStream out = good.getOutputStream();
      InputStream in = good.getInputStream();
      byte[] value = new byte[2000];
      Arrays.fill(value, (byte) 'o');
      out.write("set ow 0 0 2000\r\n".getBytes(StandardCharsets.US_ASCII));
      out.write(value);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      assertEquals("STORED\r\n", new String(in.readNBytes(8), StandardCharsets.US_ASCII));
      long queued = 0;
      for (int i = 0; i < CONNECTIONS; i++) {
        SocketChannel c = SocketChannel.open();
        c.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 4096);
        c.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), node.port()));
        c.configureBlocking(false);
        deaf.add(c);
        queued += c.write(ByteBuffer.wrap(GETS)); // whatever the kernel takes; never read
      }
      long[] micros = new long[2000];
      byte[] reply = new byte[2000 + 2 + "VALUE ow 0 2000\r\n".length() + "END\r\n".length()];
      for (int i = 0; i < micros.length; i++) {
        long start = System.nanoTime();
        out.write("get ow\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(reply.length, in.readNBytes(reply, 0, reply.length));
        micros[i] = (System.nanoTime() - start) / 1000;
      }
      Arrays.sort(micros);
      Duration p99 = Duration.ofNanos(micros[micros.length * 99 / 100] * 1000);
      long hwm = node.peakRssBytes();
      System.out.printf("[B19 non-reading clients] %d connections queued %,d bytes of gets; node VmHWM %d MB"
          + " (bound %d MB); well-behaved get p50 %d us, p99 %d us, max %d us; worst lateness %d ms%n",
          CONNECTIONS, queued, hwm >> 20, bound >> 20, micros[micros.length / 2], p99.toNanos() / 1000,
          micros[micros.length - 1], noise.worstLateness().toMillis());
      assertTrue(node.isAlive(), "the node is alive");
      Expect.atMost("node peak RSS (MB)", hwm >> 20, bound >> 20);
      Expect.atMost("well-behaved get p99", p99, Duration.ofMillis(10).plus(noise.allowance()));
      assertTrue(Probe.answersVersion(node.port(), Duration.ofSeconds(5)));
      String log = Files.readString(node.logFile());
      assertTrue(!log.contains("ERROR") && !log.contains("OutOfMemoryError"), log);
    } finally {
      for (SocketChannel c : deaf) {
        c.close();
      }
    }
  }

  @Test
  void aNodeThatRunsOutOfHeapExitsInsteadOfLingering() throws Exception {
    // a heap far below the documented M/4 + 64 MB, and no -XX:+ExitOnOutOfMemoryError
    NodeSpec spec = NodeSpec.serverMinimal().withMemoryMb(1024).withThreads(2).withMaxConnections(1100)
        .withJvmArgs("-Xmx24m", "-XX:MaxDirectMemorySize=1100m", "-XX:+UseSerialGC");
    List<SocketChannel> deaf = new ArrayList<>();
    try (NodeProcess node = NodeProcess.start(spec)) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), node.port())) {
        s.getOutputStream().write(("set ow 0 0 2000\r\n" + "o".repeat(2000) + "\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        s.setSoTimeout(5000);
        s.getInputStream().readNBytes(8);
      }
      int status = -1;
      for (int i = 0; i < 1000 && status < 0; i++) {
        try {
          SocketChannel c = SocketChannel.open();
          c.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 4096);
          c.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), node.port()));
          c.configureBlocking(false);
          deaf.add(c);
          c.write(ByteBuffer.wrap(GETS));
        } catch (IOException e) {
          // the node is gone: its status is below
        }
        status = node.awaitExitStatus(Duration.ofMillis(i % 50 == 49 ? 1000 : 1));
      }
      if (status < 0) {
        status = node.awaitExitStatus(Duration.ofSeconds(30));
      }
      String log = Files.readString(node.logFile());
      System.out.printf("[zombie] node with -Xmx24m -m 1024 under %d deaf clients: exit status %d%n",
          deaf.size(), status);
      assertEquals(3, status, "exit status; log:\n" + log);
      String last = log.strip().lines().reduce((a, b) -> b).orElse("");
      assertTrue(last.contains("fatal:") && last.contains("exiting with status 3"), last);
    } finally {
      for (SocketChannel c : deaf) {
        c.close();
      }
    }
  }
}
