package io.cacheman.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What a connection's requests weigh, as the pool sees it before choosing where to send. */
class RequestWeightTest {
  private final RequestWeight weight = new RequestWeight();

  @Test
  void smallRequestsWeighTheirLinesAndReplies() {
    for (int i = 1; i <= 64; i++) {
      weight.written(30); // "get key:0000000001\r\n"
      weight.read(130, i); // "VALUE ... 100\r\n" + value + "END\r\n"
    }
    assertTrue(weight.bytesPerRequest() > 100 && weight.bytesPerRequest() <= 160, "" + weight.bytesPerRequest());
    assertTrue(32L * weight.bytesPerRequest() < ConnectionPool.SPILL_AT_BYTES, "32 small requests fit one connection");
  }

  @Test
  void aLargeValueCountsBeforeItsReplyIsWhole() {
    for (int part = 0; part < 16; part++) {
      weight.read(65_536, 0); // a 1 MB VALUE block arriving, no reply complete yet
    }
    assertEquals(0, weight.bytesPerRequest());
    weight.read(7, 1);
    assertTrue(weight.bytesPerRequest() >= 500_000, "" + weight.bytesPerRequest());
    assertTrue(weight.bytesPerRequest() >= ConnectionPool.SPILL_AT_BYTES, "one such request fills a connection");
  }

  @Test
  void largeSetsWeighWhatTheyWrite() {
    for (int i = 1; i <= 8; i++) {
      weight.written(100_000 + 40);
      weight.read(8, i); // "STORED\r\n"
    }
    assertTrue(weight.bytesPerRequest() > 50_000, "" + weight.bytesPerRequest());
  }

  @Test
  void theEstimateFollowsAChangeOfSize() {
    for (int i = 1; i <= 8; i++) {
      weight.read(1_000_000, i);
    }
    for (int i = 9; i <= 200; i++) {
      weight.read(130, i);
    }
    assertTrue(weight.bytesPerRequest() < 1_000, "" + weight.bytesPerRequest());
  }
}
