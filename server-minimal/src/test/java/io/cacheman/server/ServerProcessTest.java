package io.cacheman.server;

import static io.cacheman.server.NodeProcesses.awaitLine;
import static io.cacheman.server.NodeProcesses.launch;
import static io.cacheman.server.NodeProcesses.output;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The node as a process, started the way the jar starts it ({@code ServerMain} on the test
 * classpath, since tests run before packaging): flags, SIGTERM and resident memory.
 */
class ServerProcessTest {

  @Test
  void sigtermDrainsAndExitsZero() throws Exception {
    int port = RealMemcached.freePort();
    Process p = launch(List.of(), "-p", Integer.toString(port), "-t", "1", "-m", "16");
    try {
      String startup = awaitLine(p, "listening on");
      assertTrue(startup.contains("127.0.0.1:" + port), startup);
      try (TextClient c = new TextClient(port)) {
        assertEquals("STORED\r\n", c.call("set k 0 0 1\r\nv\r\n"));
      }
      p.destroy(); // SIGTERM on Linux
      assertTrue(p.waitFor(20, TimeUnit.SECONDS), "exits after SIGTERM");
      assertEquals(0, p.exitValue());
      String rest = output(p);
      assertTrue(rest.contains("shutting down"), rest);
      assertTrue(rest.contains("stopped; final stats: uptime="), rest);
      assertTrue(rest.contains("cmd_set=1"), rest);
    } finally {
      p.destroyForcibly();
    }
  }

  /**
   * SIGTERM while a client streams pipelined gets of 100 KB values: every reply the client
   * receives is complete (the stream ends between replies, never inside a value), an idle
   * connection is closed at once, and the node exits 0 with its final stats line.
   */
  @Test
  void sigtermWhileStreamingLargeGetsNeverCutsAReply() throws Exception {
    int port = RealMemcached.freePort();
    int size = 100 * 1024;
    Process p = launch(List.of("-Xmx128m"), "-p", Integer.toString(port), "-t", "2", "-m", "32");
    awaitLine(p, "listening on");
    try (Socket idle = connect(port); Socket streaming = connect(port)) {
      try (TextClient setup = new TextClient(port)) {
        assertEquals("STORED\r\n",
            setup.call("set big 0 0 " + size + "\r\n" + "x".repeat(size) + "\r\n"));
      }
      Thread writer = new Thread(() -> {
        byte[] batch = "get big\r\n".repeat(50).getBytes(StandardCharsets.US_ASCII);
        try {
          OutputStream out = streaming.getOutputStream();
          for (int i = 0; i < 200; i++) { // at most 10,000 gets
            out.write(batch);
          }
        } catch (IOException e) {
          // the node closed the connection: the reader checks what arrived
        }
      }, "streaming-writer");
      writer.setDaemon(true);
      writer.start();
      InputStream in = new BufferedInputStream(streaming.getInputStream());
      int complete = 0;
      String header = "VALUE big 0 " + size;
      for (String line; (line = replyLine(in)) != null; ) {
        assertEquals(header, line, "reply " + complete);
        byte[] block = in.readNBytes(size + 2);
        assertEquals(size + 2, block.length, "value cut after reply " + complete);
        assertEquals('\n', block[size + 1]);
        assertEquals("END", replyLine(in), "END of reply " + complete);
        if (++complete == 20) {
          p.destroy(); // SIGTERM while replies are streaming
        }
      }
      assertTrue(complete >= 20, "replies before the stream ended: " + complete);
      streaming.close();
      assertEquals(-1, idle.getInputStream().read(), "idle connection closed by the node");
      idle.close();
      assertTrue(p.waitFor(20, TimeUnit.SECONDS), "exits after SIGTERM");
      assertEquals(0, p.exitValue());
      assertTrue(output(p).contains("stopped; final stats: uptime="), output(p));
    } finally {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static Socket connect(int port) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    s.setSoTimeout(20_000);
    return s;
  }

  /** One reply line without its CRLF; null at a clean end of stream, failing inside a line. */
  private static String replyLine(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int b; (b = in.read()) != '\n'; ) {
      if (b < 0) {
        assertEquals("", sb.toString(), "stream ended inside a reply line");
        return null;
      }
      sb.append((char) b);
    }
    assertTrue(sb.length() > 0 && sb.charAt(sb.length() - 1) == '\r', sb.toString());
    return sb.substring(0, sb.length() - 1);
  }

  @Test
  void configFileStartsTheNodeWithFlagsOverridingIt() throws Exception {
    int port = RealMemcached.freePort();
    Path config = Files.createTempFile("server", ".properties");
    config.toFile().deleteOnExit();
    Files.writeString(config, "port = 1\nthreads = 1\nmemory-limit = 24\neviction = lfu\n"
        + "log-level = debug\n");
    Process p = launch(List.of(), "--config", config.toString(), "-p", Integer.toString(port));
    try {
      String startup = awaitLine(p, "ServerMain - cacheman-server");
      assertTrue(startup.contains("listening on 127.0.0.1:" + port), startup);
      assertTrue(startup.contains("memory-limit=" + (24 << 20) + " bytes"), startup);
      assertTrue(startup.contains("threads=1,") && startup.contains("eviction=lfu"), startup);
      assertTrue(output(p).contains(" DEBUG "), "log-level = debug: " + output(p));
      p.destroy();
      assertTrue(p.waitFor(20, TimeUnit.SECONDS), "exits after SIGTERM");
      assertEquals(0, p.exitValue());
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void badFlagsPrintOneLineAndExitTwo() throws Exception {
    for (String[] args : new String[][] {{"--bogus"}, {"-p", "abc"}, {"-p", "70000"},
        {"--eviction", "fifo"}, {"-I", "2q"}, {"-m", "2", "-I", "2m"}, {"-t", "0"}}) {
      Process p = launch(List.of(), args);
      assertTrue(p.waitFor(20, TimeUnit.SECONDS));
      String out = output(p);
      assertEquals(2, p.exitValue(), String.join(" ", args) + ": " + out);
      assertEquals(1, out.lines().count(), out);
      assertTrue(out.startsWith("cacheman-server: ") && out.trim().endsWith("(try --help)"), out);
    }
  }

  @Test
  void helpAndVersion() throws Exception {
    Process help = launch(List.of(), "--help");
    assertTrue(help.waitFor(20, TimeUnit.SECONDS));
    String usage = output(help);
    assertEquals(0, help.exitValue());
    for (String flag : new String[] {"--port", "--listen", "--memory-limit", "--max-connections",
        "--threads", "--max-item-size", "--eviction", "--config", "--log-level", "--health",
        "--health-timeout", "--help", "--version"}) {
      assertTrue(usage.contains(flag), flag);
    }
    Process version = launch(List.of(), "-V");
    assertTrue(version.waitFor(20, TimeUnit.SECONDS));
    assertEquals("cacheman-server " + CachemanServer.version(),
        output(version).trim());
  }

  /**
   * docs/server.md: with {@code java -Xmx(m/4+64)m -XX:MaxDirectMemorySize=(m+64)m -jar
   * cacheman-server.jar -m m}, resident memory stays under 1.25 x limit + 192 MB (plus one slab
   * page) however much is written. Writes 10 x the limit (big and small values, so slab pages
   * change size class) and samples VmRSS throughout.
   */
  @Test
  void residentMemoryStaysBoundedWhenTenTimesTheLimitIsWritten() throws Exception {
    int limitMb = 32;
    long boundMb = limitMb * 5L / 4 + 192 + 1;
    int port = RealMemcached.freePort();
    Process p = launch(JvmSizing.options((long) limitMb << 20, ServerConfig.DEFAULT_MAX_ITEM_SIZE),
        "-p", Integer.toString(port), "-m", Integer.toString(limitMb));
    try {
      awaitLine(p, "listening on");
      long peak = 0;
      try (TextClient c = new TextClient(port, 30_000)) {
        peak = Math.max(peak, fill(c, p.pid(), 5L * limitMb << 20, 100 * 1024));
        peak = Math.max(peak, fill(c, p.pid(), 5L * limitMb << 20, 1000));
        assertTrue(c.stat("bytes") <= (long) limitMb << 20);
        assertTrue(c.stat("evictions") > 0);
      }
      assertTrue(peak <= boundMb, "peak RSS " + peak + " MB over the bound " + boundMb + " MB");
      assertTrue(!output(p).contains("WARN"), "no warning about the JVM's sizing: " + output(p));
    } finally {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Writes {@code total} bytes in values of {@code size}, 50 per batch; returns peak RSS MB. */
  private static long fill(TextClient c, long pid, long total, int size) throws IOException {
    String value = "v".repeat(size);
    int batch = 50;
    long peak = 0;
    for (long written = 0, n = 0; written < total; written += (long) batch * size) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < batch; i++, n++) {
        sb.append("set k").append(n).append(" 0 0 ").append(size).append(" noreply\r\n")
            .append(value).append("\r\n");
      }
      c.send(sb.toString());
      assertTrue(c.call("version\r\n").startsWith("VERSION "));
      if (n % 2000 < batch) {
        peak = Math.max(peak, rssMb(pid));
      }
    }
    return Math.max(peak, rssMb(pid));
  }

  private static long rssMb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    throw new IOException("no VmRSS for " + pid);
  }
}
