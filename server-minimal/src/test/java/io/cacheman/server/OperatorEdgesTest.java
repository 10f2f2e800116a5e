package io.cacheman.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's edges an operator meets (issue 14, point 8), one test each. */
class OperatorEdgesTest {
  @TempDir
  Path dir;

  /** Runs the command line; {status, stderr}. */
  private static Object[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = ServerMain.execute(args, new PrintWriter(out), new PrintWriter(err));
    return new Object[] {status, err.toString().strip()};
  }

  private static void assertOneLineError(Object[] result, String expected) {
    assertEquals(2, result[0], String.valueOf(result[1]));
    String err = (String) result[1];
    assertTrue(err.contains(expected), err);
    assertEquals(1, err.lines().count(), "one line: " + err);
  }

  @Test
  void anyIpv4AddressListensOnIpv4Only() throws IOException {
    try (CachemanServer server = CachemanServer.start(ServerConfig.builder().port(0)
        .listenAddress("0.0.0.0").threads(1).build())) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
      }
      assertThrows(ConnectException.class, () -> {
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress("::1", server.port()), 2000);
        }
      }, "0.0.0.0 must not listen on IPv6, as memcached does not");
    }
    try (CachemanServer server = CachemanServer.start(ServerConfig.builder().port(0)
        .listenAddress("::").threads(1).build());
        Socket s = new Socket()) {
      s.connect(new InetSocketAddress("::1", server.port()), 2000); // :: is every IPv6 address
    }
  }

  @Test
  void anAddressThatDoesNotResolveIsABadFlag() {
    assertOneLineError(run("-l", "no-such-host.invalid", "-p", "0"),
        "-l/--listen 'no-such-host.invalid' is not an address of this machine");
  }

  @Test
  void anAddressThisMachineDoesNotHaveExitsWithTwo() {
    Object[] r = run("-l", "192.0.2.1", "-p", "0"); // TEST-NET-1: on no interface here
    assertEquals(2, r[0], String.valueOf(r[1]));
  }

  @Test
  void memoryLimitsAreTalkedAboutInMegabytes() {
    assertOneLineError(run("-m", "-5"), "-m/--memory-limit is in megabytes, from 1 to 65536; got -5");
    assertOneLineError(run("-m", "70000"), "got 70000");
  }

  @Test
  void memoryLimitAndItemSizeAreCheckedTogether() throws Exception {
    assertOneLineError(run("-m", "1"),
        "-I/--max-item-size 1m is more than half of -m 1: lower -I to 512k or less, or raise -m to 2 or more");
    assertEquals(512 * 1024, ServerMain.resolve("-m", "1", "-I", "512k").maxItemSize());
  }

  @Test
  void aConfigFileThatIsNotUtf8SaysSo() throws IOException {
    Path file = dir.resolve("server.properties");
    Files.write(file, new byte[] {'p', 'o', 'r', 't', '=', '1', '\n', 'l', 'o', 'g', '-', 'l', 'e', 'v',
        'e', 'l', '=', (byte) 0xe9, '\n'});
    assertOneLineError(run("--config", file.toString()), "is not UTF-8 text (line 2); save it as UTF-8");
  }

  @Test
  void commandLineOnlyFlagsInAConfigFileAreNamedAsSuch() throws IOException {
    for (String key : new String[] {"health", "config"}) {
      Path file = dir.resolve(key + ".properties");
      Files.writeString(file, key + " = x\n");
      Object[] r = run("--config", file.toString());
      assertOneLineError(r, "--" + key + " is given on the command line only");
      assertTrue(!((String) r[1]).contains("did you mean"), (String) r[1]);
    }
  }

  @Test
  void ipv6AddressesPrintInBrackets() {
    assertEquals("[::1]:23010", HostPort.format(new InetSocketAddress("::1", 23010)));
    assertEquals("[::]:16180", HostPort.format(new InetSocketAddress("::", 16180)));
    assertEquals("[fe80::1:0:0:2]:1", HostPort.format(new InetSocketAddress("fe80:0:0:0:1:0:0:2", 1)));
    assertEquals("127.0.0.1:16180", HostPort.format(new InetSocketAddress("127.0.0.1", 16180)));
  }
}
