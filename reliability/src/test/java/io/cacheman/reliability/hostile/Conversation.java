package io.cacheman.reliability.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cacheman.reliability.hostile.HostileCase.Step;
import io.cacheman.reliability.hostile.HostileCase.Target;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.LongConsumer;

/** Plays a {@link HostileCase} against a node over one raw connection and checks every reply byte. */
final class Conversation {
  private static final int REPLY_TIMEOUT_MILLIS = 5_000;

  private Conversation() {}

  /**
   * Runs {@code c}'s steps for {@code target} on a new connection to loopback {@code port}.
   *
   * @param advanceSeconds moves the node's clock (for {@code advance} steps)
   */
  static void play(HostileCase c, int port, Target target, LongConsumer advanceSeconds) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(REPLY_TIMEOUT_MILLIS);
      s.setTcpNoDelay(true);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      for (Step step : c.steps()) {
        if (!step.appliesTo(target)) {
          continue;
        }
        switch (step.verb()) {
          case "send" -> out.write(step.bytes());
          case "trickle" -> trickle(out, step.bytes(), step.number());
          case "expect" -> {
            byte[] got = read(in, step.bytes().length);
            if (!Arrays.equals(step.bytes(), got)) {
              fail(c + ": reply differs at byte " + Arrays.mismatch(step.bytes(), got) + "\n expected: "
                  + show(step.bytes()) + "\n      got: " + show(got));
            }
          }
          case "line" -> {
            String line = readLine(in);
            assertTrue(line.startsWith(new String(step.bytes(), StandardCharsets.US_ASCII)),
                c + ": expected a line starting with " + show(step.bytes()) + ", got " + line);
          }
          case "closed" -> expectClose(c, in);
          case "open" -> {
            out.write("version\r\n".getBytes(StandardCharsets.US_ASCII));
            String line = show(read(in, 8));
            assertEquals("VERSION ", line, c + ": the connection should still answer version");
            readLine(in);
          }
          case "advance" -> advanceSeconds.accept(step.number());
          case "advance-until-closed" -> advanceUntilClosed(c, s, step.number(), advanceSeconds);
          default -> throw new IllegalStateException("unknown step " + step.verb());
        }
      }
    }
  }

  private static void advanceUntilClosed(HostileCase c, Socket s, long seconds, LongConsumer advance)
      throws IOException {
    InputStream in = s.getInputStream();
    s.setSoTimeout(1_000);
    try {
      for (int i = 0; i < 10; i++) {
        advance.accept(seconds);
        try {
          int b = in.read();
          if (b >= 0) {
            fail(c + ": expected the server to close without a reply, got " + show(new byte[] {(byte) b})
                + show(read(in, 200)));
          }
          return;
        } catch (SocketTimeoutException stillOpen) {
          // the node had not seen the deadline pass yet: step the clock again
        } catch (SocketException reset) {
          return;
        }
      }
      fail(c + ": the node kept the connection open although its clock moved " + 10 * seconds + " s");
    } finally {
      if (!s.isClosed()) {
        s.setSoTimeout(REPLY_TIMEOUT_MILLIS);
      }
    }
  }

  private static void trickle(OutputStream out, byte[] bytes, long pauseMillis) throws IOException {
    for (byte b : bytes) {
      out.write(b);
      out.flush();
      try {
        Thread.sleep(pauseMillis); // the pacing is the fault under test (slowloris)
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while trickling", e);
      }
    }
  }

  /** Up to {@code n} bytes: fewer if the stream ends or goes quiet first. */
  static byte[] read(InputStream in, int n) throws IOException {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    byte[] buffer = new byte[Math.min(Math.max(n, 1), 1 << 16)];
    try {
      while (got.size() < n) {
        int r = in.read(buffer, 0, Math.min(buffer.length, n - got.size()));
        if (r < 0) {
          break;
        }
        got.write(buffer, 0, r);
      }
    } catch (SocketTimeoutException | SocketException e) {
      // quiet or reset: return what arrived, the comparison shows the difference
    }
    return got.toByteArray();
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b; (b = in.read()) >= 0 && b != '\n'; ) {
      line.write(b);
    }
    return show(line.toByteArray());
  }

  private static void expectClose(HostileCase c, InputStream in) throws IOException {
    try {
      int b = in.read();
      if (b >= 0) {
        byte[] rest = read(in, 200);
        fail(c + ": expected the server to close without a reply, got: " + show(new byte[] {(byte) b})
            + show(rest));
      }
    } catch (SocketTimeoutException e) {
      fail(c + ": expected the server to close, but the connection is still open after "
          + REPLY_TIMEOUT_MILLIS + " ms");
    } catch (SocketException reset) {
      assertTrue(reset.getMessage().toLowerCase().contains("reset"), reset.getMessage());
    }
  }

  /** Bytes as text with control characters escaped, shortened in the middle when long. */
  static String show(byte[] bytes) {
    StringBuilder s = new StringBuilder();
    for (byte b : bytes) {
      int c = b & 0xff;
      switch (c) {
        case '\r' -> s.append("\\r");
        case '\n' -> s.append("\\n");
        default -> s.append(c < 0x20 || c >= 0x7f ? String.format("\\x%02x", c) : String.valueOf((char) c));
      }
    }
    return s.length() <= 400 ? s.toString() : s.substring(0, 200) + "…(" + bytes.length + " bytes)…"
        + s.substring(s.length() - 150);
  }
}
