package io.cacheman.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The meta protocol's lease flows across two clients, run step by step against a fresh real
 * memcached and a fresh node; the transcripts must be byte-identical (elapsed-time fields within
 * a second, see {@link TimeFields}). Each step is one client's request followed by {@code mn}, and
 * its reply is read up to {@code MN}, so the interleaving is exactly the scripted one.
 */
class MetaLeaseTest {

  /** One request by client 0 or 1. */
  private record Step(int client, String request) {}

  private static Step a(String request) {
    return new Step(0, request);
  }

  private static Step b(String request) {
    return new Step(1, request);
  }

  @Test
  void onlyTheFirstMissWinsAndEveryoneSeesTheRefill() throws Exception {
    differential(List.of(
        a("mg k v c t N30\r\n"), // W: this client loads the value
        b("mg k v c t N30\r\n"), // Z: someone else is loading it
        b("mg k v c N30 q\r\n"),
        a("ms k 3 T60 c\r\nnew\r\n"),
        b("mg k v c\r\n"),
        a("mg k v c N30\r\n")));
  }

  @Test
  void anInvalidatedItemIsServedStaleAndOneClientRevalidates() throws Exception {
    differential(List.of(
        a("ms k 3 T0\r\nold\r\n"),
        a("md k I T30\r\n"),
        b("mg k v c\r\n"), // X W: stale, and this client reloads it
        a("mg k v c\r\n"), // Z X: stale, someone else reloads it
        a("mg k v c\r\n"),
        b("ms k 3 I C1 c\r\nnot\r\n"), // a cas older than the invalidation: still stale
        a("mg k v c\r\n"),
        b("ms k 3 T0 c\r\nnew\r\n"),
        a("mg k v c\r\n"),
        b("mg k v c\r\n")));
  }

  @Test
  void earlyRecacheIsWonOnce() throws Exception {
    differential(List.of(
        a("ms r 1 T1000\r\nx\r\n"),
        a("mg r v R30\r\n"), // TTL above 30: nobody needs to refresh yet
        b("mg r v R2000\r\n"), // W: below 2000, this client refreshes
        a("mg r v R2000\r\n"), // Z
        b("ms r 1 T1000\r\ny\r\n"),
        a("mg r v R2000\r\n"))); // a fresh value: a new win
  }

  @Test
  void aWinnerThatNeverSetsLeavesTheOthersWaitingUntilTheLeaseIsDeleted() throws Exception {
    differential(List.of(
        a("mg k N30 s\r\n"),
        b("mg k N30 s\r\n"),
        a("md k q\r\n"), // the loader gave up: it deletes its placeholder
        b("mg k N30 s\r\n"), // and the next caller wins
        a("mg k N30 s\r\n")));
  }

  private static void differential(List<Step> steps) throws Exception {
    List<String> expected;
    try (RealMemcached memcached = new RealMemcached()) {
      expected = run(memcached.port, steps);
    }
    List<String> actual;
    ServerConfig config = ServerConfig.builder().port(0).threads(2)
        .memoryLimitBytes(64L << 20).build();
    try (CachemanServer server = CachemanServer.start(config)) {
      actual = run(server.port(), steps);
    }
    for (int i = 0; i < steps.size(); i++) {
      assertEquals(expected.get(i), TimeFields.align(expected.get(i), actual.get(i)),
          "step " + i + ": client " + steps.get(i).client() + " sent "
              + steps.get(i).request().strip());
    }
  }

  private static List<String> run(int port, List<Step> steps) throws IOException {
    try (TextClient first = new TextClient(port); TextClient second = new TextClient(port)) {
      List<String> replies = new ArrayList<>();
      for (Step step : steps) {
        TextClient c = step.client() == 0 ? first : second;
        c.send(step.request() + "mn\r\n");
        replies.add(c.until("MN\r\n"));
      }
      return replies;
    }
  }
}
