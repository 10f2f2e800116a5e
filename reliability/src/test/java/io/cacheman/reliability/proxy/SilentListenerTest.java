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
          // The 250 ms is the kernel's poll timer, which may end a fraction of a millisecond early
          // (a CI run measured 249.6 ms); what matters is that nothing ended the attempt sooner.
          Expect.atLeast("connect attempt", took, Duration.ofMillis(240));
          Expect.atMost("connect attempt", took, Duration.ofMillis(2_000));
        }
      }
    }
  }
}
