package io.cacheman.samples.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.config.NodeAddress;
import io.cacheman.samples.LocalCluster;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console, driven the way a user or a script drives it: one-shot arguments and a typed session. */
class ConsoleTest {
  private static LocalCluster cluster;
  private static String nodes;

  @BeforeAll
  static void startCluster() {
    cluster = LocalCluster.startOnFreePorts(3);
    nodes = cluster.nodes().stream().map(NodeAddress::id).collect(Collectors.joining(","));
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  /** The result of one console run. */
  record Run(int code, String out, String err) {}

  private static Run console(String input, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ConsoleMain.run(args, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, err, null);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** An interactive session against the cluster, fed {@code lines} as if typed. */
  private static Run typedSession(String... lines) {
    return console(String.join("\n", lines) + "\n", "--connect", nodes);
  }

  private static Run oneShot(String... command) {
    List<String> args = new ArrayList<>(List.of("--connect", nodes));
    args.addAll(List.of(command));
    return console("", args.toArray(String[]::new));
  }

  @Test
  void setThenGetPrintsTheValue() {
    assertEquals(0, oneShot("set", "console:greeting", "hello").code());
    Run get = oneShot("get", "console:greeting");
    assertEquals(0, get.code(), get.err());
    assertEquals("hello\n", get.out());
  }

  @Test
  void aMissExitsOneAndSaysSoOnStderr() {
    Run get = oneShot("get", "console:never-set");
    assertEquals(1, get.code());
    assertEquals("", get.out());
    assertTrue(get.err().contains("console:never-set: not found"), get.err());
  }

  @Test
  void countersAndDelete() {
    oneShot("set", "console:counter", "41");
    assertEquals("42\n", oneShot("incr", "console:counter").out());
    assertEquals("40\n", oneShot("decr", "console:counter", "2").out());
    assertEquals("DELETED\n", oneShot("delete", "console:counter").out());
    assertEquals(1, oneShot("delete", "console:counter").code());
    assertEquals(1, oneShot("incr", "console:counter").code());
  }

  @Test
  void routeAgreesWithWhereTheClientStoresKeys() throws IOException {
    List<String> keys = List.of("r:1", "r:2", "r:3", "r:4", "r:5", "r:6", "r:7", "r:8");
    for (String key : keys) {
      assertEquals(0, oneShot("set", key, "v-" + key).code());
    }
    Run route = oneShot(prepend("route", keys));
    assertEquals(0, route.code(), route.err());
    String[] lines = route.out().split("\n");
    assertEquals(keys.size(), lines.length);
    for (String line : lines) {
      String[] keyAndNode = line.split("\t");
      NodeAddress node = ConsoleSession.parseNode(keyAndNode[1]);
      for (NodeAddress other : cluster.nodes()) {
        boolean there = rawGet(other, keyAndNode[0]) != null;
        assertEquals(other.equals(node), there, keyAndNode[0] + " routed to " + node + ", checked " + other);
      }
    }
  }

  @Test
  void statsPrintsEachNodesOwnCounters() {
    Run stats = oneShot("stats", cluster.nodes().get(0).id());
    assertEquals(0, stats.code(), stats.err());
    assertTrue(stats.out().contains(cluster.nodes().get(0).id() + "\tcurr_items\t"), stats.out());
    assertFalse(stats.out().contains(cluster.nodes().get(1).id()), stats.out());
  }

  @Test
  void nodesShowsEveryNodeUp() {
    Run run = oneShot("nodes");
    assertEquals(0, run.code(), run.err());
    for (NodeAddress node : cluster.nodes()) {
      assertTrue(run.out().contains(node.id() + "\tUP"), run.out());
    }
  }

  @Test
  void stressRunsForItsTimeAndPrintsASummary() {
    Run run = oneShot("stress", "--seconds", "1", "--threads", "2", "--keys", "100");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.err().contains("ops/s"), run.err());
    assertTrue(run.out().contains("operations"), run.out());
    assertTrue(run.out().matches("(?s).*p99\\s+\\d+ us.*"), run.out());
  }

  @Test
  void badUsageExitsTwoWithOneLine() {
    Run unknown = oneShot("frobnicate");
    assertEquals(2, unknown.code());
    assertEquals("unknown command 'frobnicate' (try 'help')\n", unknown.err());

    Run missingArg = oneShot("set", "only-a-key");
    assertEquals(2, missingArg.code());
    assertFalse(missingArg.err().contains("Exception"), missingArg.err());

    Run badKey = oneShot("get", "has space");
    assertEquals(2, badKey.code());
    assertFalse(badKey.err().contains("\tat "), badKey.err());

    Run badFlag = console("", "--no-such-flag");
    assertEquals(2, badFlag.code());
    assertTrue(badFlag.err().contains("try --help"), badFlag.err());
  }

  @Test
  void everyUsageErrorOfTheCommandLineExitsTwoWithOneSentence(@TempDir Path folder) {
    List<List<String>> badInvocations = List.of(
        List.of("--connect", "127.0.0.1"),
        List.of("--connect", "127.0.0.1:not-a-port"),
        List.of("--connect", "127.0.0.1:70000"),
        List.of("--connect", nodes, "--hashing", "no-such-hashing", "nodes"),
        List.of("--config", folder.resolve("missing.properties").toString(), "nodes"),
        List.of("--config", "a.properties", "--connect", nodes));
    for (List<String> args : badInvocations) {
      Run run = console("", args.toArray(String[]::new));
      assertEquals(2, run.code(), args + ": " + run.err());
      assertEquals(1, run.err().lines().count(), args + ": " + run.err());
      assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), args + ": " + run.err());
    }
    assertTrue(console("", "--connect", "127.0.0.1").err().contains("expected host:port"));
  }

  @Test
  void typedLinesMayQuoteValues() {
    Run run = typedSession(
        "set console:quoted \"hello world\"",
        "get console:quoted",
        "set console:single 'say \"hi\"' 60",
        "get console:single",
        "set console:escaped it\\'s\\ here",
        "get console:escaped");
    assertEquals(0, run.code(), run.err());
    assertEquals(List.of("STORED", "hello world", "STORED", "say \"hi\"", "STORED", "it's here"),
        run.out().lines().toList());
  }

  @Test
  void anUnclosedQuoteIsAnErrorAndTheSessionGoesOn() {
    Run run = typedSession("set console:open \"hello world", "get console:open");
    assertTrue(run.err().contains("error: unclosed double quote in: set console:open \"hello world"), run.err());
    assertTrue(run.err().contains("console:open: not found"), "the next line still runs: " + run.err());
  }

  @Test
  void oneShotArgumentsAreTakenAsTheShellPassedThem() {
    assertEquals(0, oneShot("set", "console:one-shot", "hello \"world\" it's").code());
    assertEquals("hello \"world\" it's\n", oneShot("get", "console:one-shot").out());
  }

  @Test
  void helpListsEachCommandOnce() {
    Run help = oneShot("help");
    assertEquals(0, help.code(), help.err());
    List<String> names = help.out().lines().map(line -> line.trim().split(" ")[0]).toList();
    assertEquals(names.stream().distinct().toList(), names, help.out());
    assertTrue(names.containsAll(List.of("connect", "get", "set", "stress", "quit")), help.out());
  }

  @Test
  void aRefusedConnectionIsOneClearLine() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Run run = console("", "--connect", "127.0.0.1:" + closedPort, "get", "k");
    assertEquals(1, run.code());
    assertTrue(run.err().startsWith("error: "), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
  }

  @Test
  void interactiveSessionRunsTypedCommands() {
    Run run = typedSession(
        "help",
        "set console:typed 7",
        "incr console:typed 5",
        "get console:typed",
        "bogus",
        "quit",
        "get console:typed");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("stress"), "help lists commands: " + run.out());
    assertTrue(run.out().contains("STORED"), run.out());
    assertTrue(run.out().contains("12"), run.out());
    assertTrue(run.err().contains("unknown command 'bogus'"), run.err());
    assertEquals(2, run.out().lines().filter(line -> line.endsWith("12")).count(),
        "incr and get print 12; nothing runs after quit: " + run.out());
  }

  @Test
  void connectSwitchesToOtherNodes() {
    String onlyFirst = cluster.nodes().get(0).id();
    Run run = console("connect " + onlyFirst + "\nroute some-key\n", "--connect", nodes);
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().startsWith("connected to [" + onlyFirst + "]"), run.out());
    assertTrue(run.out().contains("some-key\t" + onlyFirst), run.out());
  }

  private static String[] prepend(String first, List<String> rest) {
    List<String> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all.toArray(String[]::new);
  }

  /** Reads a key straight from one node over a raw socket; null when that node lacks it. */
  private static String rawGet(NodeAddress node, String key) throws IOException {
    try (Socket socket = new Socket(node.host(), node.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(("get " + key + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String header = in.readLine();
      if (header.equals("END")) {
        return null;
      }
      String value = in.readLine();
      assertEquals("END", in.readLine());
      return value;
    }
  }
}
