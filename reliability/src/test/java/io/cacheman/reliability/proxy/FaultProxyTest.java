package io.cacheman.reliability.proxy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import io.cacheman.reliability.testing.Expect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each fault of the proxy does what it says, over real sockets against an echo server. */
class FaultProxyTest {
  private EchoServer echo;
  private FaultProxy proxy;

  @BeforeEach
  void start() throws IOException {
    echo = new EchoServer();
    proxy = FaultProxy.start(echo.address());
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    echo.close();
  }

  private Socket connect() throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
    s.setSoTimeout(5_000);
    return s;
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  private static byte[] readFully(InputStream in, int n) throws IOException {
    byte[] b = in.readNBytes(n);
    assertEquals(n, b.length, "stream ended early");
    return b;
  }

  @Test
  void withoutToxicsBytesPassUnchangedBothWays() throws IOException {
    byte[] data = random(300_000);
    try (Socket s = connect()) {
      Thread writer = new Thread(() -> {
        try {
          s.getOutputStream().write(data);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
      writer.start();
      assertArrayEquals(data, readFully(s.getInputStream(), data.length));
    }
  }

  @Test
  void latencyDelaysEveryReply() throws IOException {
    proxy.toxics(Direction.DOWNSTREAM, Toxic.latency(Duration.ofMillis(200)));
    try (Socket s = connect()) {
      for (int i = 0; i < 3; i++) {
        long start = System.nanoTime();
        s.getOutputStream().write('x');
        assertEquals('x', s.getInputStream().read());
        Expect.atLeast("round trip", Expect.since(start), Duration.ofMillis(200));
      }
    }
  }

  @Test
  void bandwidthCapsThroughput() throws IOException {
    proxy.toxics(Direction.DOWNSTREAM, Toxic.bandwidth(20_000));
    byte[] data = random(10_000);
    try (Socket s = connect()) {
      long start = System.nanoTime();
      s.getOutputStream().write(data);
      assertArrayEquals(data, readFully(s.getInputStream(), data.length));
      // 10 kB at 20 kB/s: half a second, less the first 10 ms piece.
      Expect.atLeast("10 kB at 20 kB/s", Expect.since(start), Duration.ofMillis(450));
    }
  }

  @Test
  void slicerDeliversTinyPiecesIntact() throws IOException {
    proxy.toxics(Direction.DOWNSTREAM, Toxic.slicer(1, 3, Duration.ofMillis(2)));
    byte[] data = random(600);
    try (Socket s = connect()) {
      s.getOutputStream().write(data);
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      byte[] buffer = new byte[1024];
      int reads = 0;
      while (got.size() < data.length) {
        int n = s.getInputStream().read(buffer);
        assertTrue(n > 0, "stream ended early");
        got.write(buffer, 0, n);
        reads++;
      }
      assertArrayEquals(data, got.toByteArray());
      // 600 bytes in slices of at most 3 bytes: at least 200 writes; allow reads to merge some.
      Expect.atLeast("reads", reads, 100);
      // the pump counts a piece once its write returns, which may be just after the bytes arrive
      await().atMost(Duration.ofSeconds(5))
          .until(() -> proxy.connections().get(0).forwarded(Direction.DOWNSTREAM) == 600);
    }
  }

  @Test
  void blackholeAcceptsButNeverAnswersUntilCleared() throws IOException {
    proxy.toxics(Direction.DOWNSTREAM, Toxic.blackhole());
    try (Socket s = connect()) {
      s.setSoTimeout(300);
      s.getOutputStream().write("lost".getBytes());
      assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read());
      proxy.clear();
      s.setSoTimeout(5_000);
      s.getOutputStream().write("found".getBytes());
      assertEquals("found", new String(readFully(s.getInputStream(), 5)));
    }
  }

  @Test
  void resetPeerResetsTheClient() throws IOException {
    try (Socket s = connect()) {
      s.getOutputStream().write('a');
      assertEquals('a', s.getInputStream().read());
      proxy.everywhere(Direction.DOWNSTREAM, Toxic.resetPeer(Duration.ZERO));
      SocketException e = assertThrows(SocketException.class, () -> {
        for (int i = 0; i < 100; i++) { // the first write may land before the RST does
          s.getOutputStream().write('b');
          s.getInputStream().read();
        }
      });
      assertTrue(e.getMessage().toLowerCase().contains("reset"), e.getMessage());
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> proxy.connections().isEmpty());
  }

  @Test
  void limitDataWithCloseDeliversExactlyTheLimitThenEndOfStream() throws IOException {
    proxy.toxics(Direction.DOWNSTREAM, Toxic.limitData(10, false));
    try (Socket s = connect()) {
      s.getOutputStream().write(random(100));
      byte[] got = s.getInputStream().readAllBytes();
      assertEquals(10, got.length);
      assertArrayEquals(Arrays.copyOf(random(100), 10), got);
    }
  }

  @Test
  void limitDataWithResetCutsTheStreamWithARst() throws IOException {
    proxy.toxics(Direction.DOWNSTREAM, Toxic.limitData(10, true));
    try (Socket s = connect()) {
      s.getOutputStream().write(random(100));
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      SocketException e = assertThrows(SocketException.class, () -> {
        byte[] buffer = new byte[100];
        for (int n; (n = s.getInputStream().read(buffer)) >= 0; ) {
          got.write(buffer, 0, n);
        }
      });
      assertTrue(e.getMessage().toLowerCase().contains("reset"), e.getMessage());
      Expect.atMost("bytes before the reset", got.size(), 10);
    }
  }

  @Test
  void slowCloseDelaysTheEndOfStream() throws IOException {
    proxy.toxics(Direction.DOWNSTREAM, Toxic.slowClose(Duration.ofMillis(300)));
    try (Socket s = connect()) {
      s.getOutputStream().write('z');
      assertEquals('z', s.getInputStream().read());
      long start = System.nanoTime();
      s.shutdownOutput(); // the echo server sees the end, closes; the proxy holds that close back
      assertEquals(-1, s.getInputStream().read());
      Expect.atLeast("time to end of stream", Expect.since(start), Duration.ofMillis(300));
    }
  }

  @Test
  void toxicsForNewConnectionsLeaveOpenOnesAlone() throws IOException {
    try (Socket before = connect()) {
      before.getOutputStream().write('1');
      assertEquals('1', before.getInputStream().read());
      proxy.toxics(Direction.DOWNSTREAM, Toxic.blackhole());
      try (Socket after = connect()) {
        after.setSoTimeout(200);
        after.getOutputStream().write('2');
        assertThrows(SocketTimeoutException.class, () -> after.getInputStream().read());
        before.getOutputStream().write('3');
        assertEquals('3', before.getInputStream().read());
      }
    }
  }

  @Test
  void oneConnectionsToxicsDoNotTouchTheOthers() throws IOException {
    try (Socket a = connect(); Socket b = connect()) {
      a.getOutputStream().write('a');
      b.getOutputStream().write('b');
      assertEquals('a', a.getInputStream().read());
      assertEquals('b', b.getInputStream().read());
      ProxyConnection first = proxy.connections().stream().filter(c -> c.id() == 1).findFirst().orElseThrow();
      first.reset();
      assertThrows(SocketException.class, () -> {
        a.getOutputStream().write('x');
        a.getInputStream().read();
      });
      b.getOutputStream().write('y');
      assertEquals('y', b.getInputStream().read());
    }
  }

  @Test
  void connectionsPastTheBoundAreRefused() throws IOException {
    try (FaultProxy small = FaultProxy.start(echo.address(), 0, 1);
        Socket first = new Socket(InetAddress.getLoopbackAddress(), small.port());
        Socket second = new Socket(InetAddress.getLoopbackAddress(), small.port())) {
      first.getOutputStream().write('1');
      assertEquals('1', first.getInputStream().read());
      second.setSoTimeout(5_000);
      assertThrows(SocketException.class, () -> {
        second.getOutputStream().write('2');
        second.getInputStream().read();
      });
    }
  }

  @Test
  void closeEndsEveryThreadAndConnection() throws IOException {
    int port = proxy.port();
    Socket[] clients = new Socket[5];
    for (int i = 0; i < clients.length; i++) {
      clients[i] = connect();
      clients[i].getOutputStream().write('p');
      assertEquals('p', clients[i].getInputStream().read());
    }
    Expect.atLeast("proxy threads", threadsNamed("fault-proxy-" + port + "-"), 5 * 4 + 1);
    proxy.close();
    assertEquals(0, threadsNamed("fault-proxy-" + port + "-"));
    for (Socket s : clients) {
      assertEquals(-1, s.getInputStream().read());
      s.close();
    }
  }

  static long threadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
  }
}
