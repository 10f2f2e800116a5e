package io.cacheman.reliability.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.reliability.fuzz.ParserFuzz;
import io.cacheman.reliability.hostile.HostileCase.Target;
import io.cacheman.reliability.node.Probe;
import io.cacheman.server.CachemanServer;
import io.cacheman.server.Eviction;
import io.cacheman.server.ServerConfig;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RELIABILITY §A against server-minimal in this JVM: every hostile input gets the stated reply or
 * close, and after each one the node still serves a bystander connection and answers
 * {@code version} on a fresh connection. The raw conversations come from
 * {@code hostile-inputs.txt}; the items that need loops are the methods below.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {
  private static final byte[] VALUE_100K = filled(100 * 1024);
  private static final byte[] CRLF = {'\r', '\n'};
  private final SteppedClock clock = new SteppedClock();
  private CachemanServer server;
  private Socket bystander;
  private int checks;

  @BeforeAll
  void start() throws IOException {
    server = CachemanServer.start(ServerConfig.builder().port(0).memoryLimitBytes(64L << 20).threads(2)
        .clock(clock).build());
    bystander = new Socket(InetAddress.getLoopbackAddress(), server.port());
    bystander.setSoTimeout(5_000);
  }

  @AfterAll
  void stop() throws IOException {
    bystander.close();
    server.close();
  }

  /** The node keeps serving its other clients, and a fresh connection answers version. */
  @AfterEach
  void nodeStillServes() throws IOException {
    String key = "bystander" + checks++;
    bystander.getOutputStream().write(("set " + key + " 0 0 2\r\nok\r\nget " + key + "\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    String expected = "STORED\r\nVALUE " + key + " 0 2\r\nok\r\nEND\r\n";
    assertEquals(expected, new String(Conversation.read(bystander.getInputStream(), expected.length()),
        StandardCharsets.US_ASCII), "the bystander connection");
    assertTrue(Probe.answersVersion(server.port(), Duration.ofSeconds(5)), "version on a fresh connection");
  }

  List<HostileCase> cases() throws IOException {
    return HostileCase.load("hostile-inputs.txt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void hostileConversation(HostileCase c) throws IOException {
    Conversation.play(c, server.port(), Target.CACHEMAN, seconds -> clock.advance(Duration.ofSeconds(seconds)));
  }

  @Test
  void a16GetWithTwoThousandKeysAnswersEveryOne() throws IOException {
    try (Socket s = connect()) {
      StringBuilder sets = new StringBuilder();
      StringBuilder get = new StringBuilder("get");
      for (int i = 0; i < 2_000; i++) {
        sets.append("set mk").append(i).append(" 0 0 1 noreply\r\nv\r\n");
        get.append(" mk").append(i);
      }
      write(s, sets + get.append("\r\n").toString());
      InputStream in = s.getInputStream();
      for (int i = 0; i < 2_000; i++) {
        assertEquals("VALUE mk" + i + " 0 1", line(in));
        assertEquals("v", line(in));
      }
      assertEquals("END", line(in));
      assertTrue(get.length() > 10_000, "the get line is over 10 KB");
    }
  }

  @Test
  void a17TwoThousandPipelinedSetsAndGetsAnswerInOrder() throws IOException {
    try (Socket s = connect()) {
      StringBuilder batch = new StringBuilder();
      for (int i = 0; i < 2_000; i++) {
        batch.append("set pk").append(i).append(" 0 0 ").append(Integer.toString(i).length()).append("\r\n")
            .append(i).append("\r\nget pk").append(i).append("\r\n");
      }
      write(s, batch.toString());
      InputStream in = s.getInputStream();
      for (int i = 0; i < 2_000; i++) {
        assertEquals("STORED", line(in), "reply " + (2 * i));
        assertEquals("VALUE pk" + i + " 0 " + Integer.toString(i).length(), line(in), "reply " + (2 * i + 1));
        assertEquals(Integer.toString(i), line(in));
        assertEquals("END", line(in));
      }
    }
  }

  @Test
  void a23ConnectionsPastTheLimitAreTurnedAwayAndCounted() throws IOException {
    try (CachemanServer small = CachemanServer.start(ServerConfig.builder().port(0).maxConnections(8).threads(1)
        .build())) {
      List<Socket> kept = new ArrayList<>();
      try {
        for (int i = 0; i < 7; i++) { // 7 + the stats probe below stays within 8
          Socket s = new Socket(InetAddress.getLoopbackAddress(), small.port());
          s.setSoTimeout(5_000);
          write(s, "version\r\n");
          assertTrue(line(s.getInputStream()).startsWith("VERSION "));
          kept.add(s);
        }
        Socket keeper = new Socket(InetAddress.getLoopbackAddress(), small.port());
        kept.add(keeper);
        for (int i = 0; i < 5; i++) {
          try (Socket extra = new Socket(InetAddress.getLoopbackAddress(), small.port())) {
            extra.setSoTimeout(5_000);
            assertEquals("ERROR Too many open connections", line(extra.getInputStream()));
            assertEquals(-1, extra.getInputStream().read(), "the extra connection is closed");
          }
        }
        for (Socket s : kept.subList(0, 7)) {
          write(s, "version\r\n");
          assertTrue(line(s.getInputStream()).startsWith("VERSION "), "existing connections are unaffected");
        }
        keeper.close();
        kept.remove(keeper);
        awaitStat(small.port(), "rejected_connections", 5);
      } finally {
        for (Socket s : kept) {
          s.close();
        }
      }
    }
  }

  @Test
  void a24FillingPastTheLimitEvictsAndWithoutEvictionRefuses() throws IOException, InterruptedException {
    long limit = 4L << 20;
    int count = (int) (10 * limit / VALUE_100K.length); // ten times the limit, pipelined
    for (Eviction eviction : List.of(Eviction.LRU, Eviction.NONE)) {
      try (CachemanServer small = CachemanServer.start(ServerConfig.builder().port(0).memoryLimitBytes(limit)
          .threads(1).eviction(eviction).build()); Socket s = new Socket(InetAddress.getLoopbackAddress(),
          small.port())) {
        s.setSoTimeout(30_000);
        List<String> replies = new ArrayList<>();
        Thread reader = new Thread(() -> {
          try {
            for (int i = 0; i < count; i++) {
              replies.add(line(s.getInputStream()));
            }
          } catch (IOException e) {
            replies.add("reading failed: " + e);
          }
        }, "fill-replies");
        reader.start();
        OutputStream out = new BufferedOutputStream(s.getOutputStream(), 1 << 20);
        for (int i = 0; i < count; i++) {
          out.write(("set fill" + i + " 0 0 " + VALUE_100K.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(VALUE_100K);
          out.write(CRLF);
        }
        out.flush();
        reader.join(60_000);
        long stored = replies.stream().filter("STORED"::equals).count();
        long refused = replies.stream().filter("SERVER_ERROR out of memory storing object"::equals).count();
        assertEquals(count, stored + refused, "every reply is STORED or out of memory: " + replies.stream()
            .filter(r -> !r.equals("STORED") && !r.startsWith("SERVER_ERROR out of memory")).findFirst().orElse(""));
        Map<String, String> stats = Probe.stats(small.port(), Duration.ofSeconds(5));
        long bytes = Long.parseLong(stats.get("bytes"));
        long evictions = Long.parseLong(stats.get("evictions"));
        assertTrue(bytes <= limit, "bytes " + bytes + " over the limit " + limit);
        if (eviction == Eviction.LRU) {
          assertEquals(0, refused, "with eviction every store succeeds");
          assertTrue(evictions > 0, "evictions counted");
        } else {
          assertTrue(refused > 0 && stored > 0, "stored " + stored + ", refused " + refused);
          assertEquals(0, evictions);
        }
      }
    }
  }

  @Test
  void a27ASeededFuzzSampleCrashesNothing() throws IOException {
    ParserFuzz.Outcome outcome = ParserFuzz.run(20_240_601L, 20_000, 200);
    System.out.println("[A27 fuzz] " + outcome.summary());
    assertTrue(outcome.survived(), outcome.summary());
  }

  private static byte[] filled(int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) 'x');
    return b;
  }

  private Socket connect() throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
    s.setSoTimeout(5_000);
    return s;
  }

  private static void write(Socket s, String text) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** One line without its \r\n. */
  private static String line(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
      b.append((char) c);
    }
    return b.length() > 0 && b.charAt(b.length() - 1) == '\r' ? b.substring(0, b.length() - 1) : b.toString();
  }

  private static void awaitStat(int port, String name, long atLeast) throws IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    long value = -1;
    do {
      try {
        value = Long.parseLong(Probe.stats(port, Duration.ofSeconds(5)).get(name));
      } catch (IOException e) {
        // turned away while a closed connection is still counted: try again
      }
    } while (value < atLeast && System.nanoTime() - deadline < 0);
    assertTrue(value >= atLeast, name + " = " + value + ", expected at least " + atLeast);
  }
}
