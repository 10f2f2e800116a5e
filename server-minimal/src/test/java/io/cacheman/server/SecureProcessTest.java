package io.cacheman.server;

import static io.cacheman.server.NodeProcesses.awaitLine;
import static io.cacheman.server.NodeProcesses.launch;
import static io.cacheman.server.NodeProcesses.output;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A TLS + auth node as a process: what it logs (never a password), SIGHUP, the open warning. */
class SecureProcessTest {
  private static final String PASSWORD = "Pw-7f3c9e-secret";
  private static final String WRONG = "Wrong-4d1a-guess";

  @TempDir
  Path dir;

  @Test
  void aTlsAndAuthNodeServesChecksReloadsAndNeverLogsAPassword() throws Exception {
    Path users = dir.resolve("users");
    Files.writeString(users, "ops:" + PASSWORD + "\n");
    int port = RealMemcached.freePort();
    String[] security = {"-Z", "-o", "ssl_chain_cert=" + TlsClients.certs().serverCertFile()
        + ",ssl_key=" + TlsClients.certs().serverKeyFile(), "-Y", users.toString()};
    Process p = launch(List.of(), concat(new String[] {"-p", Integer.toString(port), "-t", "1",
        "-m", "16", "--log-level", "debug"}, security));
    try {
      assertTrue(awaitLine(p, "listening on").contains("tls=on"), output(p));
      SSLSocketFactory factory = TlsClients.client(false);
      try (TextClient c = TextClient.overTls(port, factory, 5000)) {
        assertEquals("CLIENT_ERROR unauthenticated\r\n", c.call("get k\r\n"));
        String wrong = "ops " + WRONG;
        assertEquals("CLIENT_ERROR authentication failure\r\n",
            c.call("set auth 0 0 " + wrong.length() + "\r\n" + wrong + "\r\n"));
        String right = "ops " + PASSWORD;
        assertEquals("STORED\r\n", c.call("set auth 0 0 " + right.length() + "\r\n" + right
            + "\r\n"));
        assertEquals("STORED\r\n", c.call("set k 0 0 1\r\nv\r\n"));
        assertEquals(2, c.stat("auth_cmds"));
        assertEquals(1, c.stat("auth_errors"));
        String settings = c.send("stats settings\r\n").until("END\r\n");
        assertTrue(settings.contains("STAT auth_enabled_ascii yes\r\n"), settings);
        assertTrue(settings.contains("STAT ssl_enabled yes\r\n"), settings);
        assertFalse(settings.contains(PASSWORD), settings);
      }
      String health = health(concat(new String[] {"--health", "-p", Integer.toString(port)},
          security));
      assertTrue(health.startsWith("ok 127.0.0.1:" + port + " VERSION "), health);
      new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).start().waitFor();
      awaitLine(p, "TLS certificates reloaded");
      try (TextClient c = TextClient.overTls(port, factory, 5000)) { // SIGHUP did not stop it
        assertEquals("CLIENT_ERROR unauthenticated\r\n", c.call("version\r\n"));
      }
      p.destroy();
      assertTrue(p.waitFor(20, TimeUnit.SECONDS));
      String log = output(p);
      assertTrue(log.contains("stopped; final stats"), log);
      assertFalse(log.contains(PASSWORD) || health.contains(PASSWORD), log);
      assertFalse(log.contains(WRONG), log);
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void warnsWhenListeningBeyondLoopbackWithNeitherTlsNorAuth() throws Exception {
    int port = RealMemcached.freePort();
    Process p = launch(List.of(), "-l", "0.0.0.0", "-p", Integer.toString(port), "-t", "1",
        "-m", "16");
    try {
      String warning = awaitLine(p, "neither TLS nor authentication");
      assertTrue(warning.contains("WARN") && warning.contains("0.0.0.0:" + port)
          && warning.contains("-Z") && warning.contains("-Y"), warning);
    } finally {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static String health(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    ServerMain.execute(args, new PrintWriter(out), new PrintWriter(err));
    return out + err.toString();
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
