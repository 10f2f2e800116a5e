package io.cacheman.reliability.proxy;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cacheman.reliability.testing.Expect;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Connects to a silent port hang until the client's own timeout, as behind a dead link. */
class SilentListenerTest {

  @Test
  void connectEndsOnlyByTheConnectTimeout() throws IOException {
    try (SilentListener hole = SilentListener.open()) {
      for (int i = 0; i < 3; i++) {
        try (Socket s = new Socket()) {
          long start = System.nanoTime();
          assertThrows(SocketTimeoutException.class, () -> s.connect(hole.address(), 250));
          Duration took = Expect.since(start);
          Expect.atLeast("connect attempt", took, Duration.ofMillis(250));
          Expect.atMost("connect attempt", took, Duration.ofMillis(2_000));
        }
      }
    }
  }
}
