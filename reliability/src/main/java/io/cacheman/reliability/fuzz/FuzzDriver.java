package io.cacheman.reliability.fuzz;

import io.cacheman.reliability.node.Probe;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@link FuzzInputs} to a node over real connections and checks, every so often and at the
 * end, that the node still answers {@code version} on a fresh connection.
 *
 * <p>Each connection takes {@code inputsPerConnection} inputs in a row (so parser state carries
 * from one input to the next, as on a real connection) and is then half-closed, so the node reads
 * everything before it sees the end; a connection the node closes is replaced at once. A reader thread discards the replies so the node never blocks on a
 * full socket. Works against any node speaking the protocol; crash detection inside the node is
 * the caller's (see {@code ParserFuzz}).
 */
public final class FuzzDriver {
  private static final Logger log = LoggerFactory.getLogger(FuzzDriver.class);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

  /** What a run did. */
  public record Result(long inputs, long bytes, long connections, long closedByNode, long probes, Duration took) {
    /** Inputs per second. */
    public double rate() {
      return inputs / Math.max(1e-9, took.toNanos() / 1e9);
    }
  }

  private final int port;
  private final int inputsPerConnection;
  private final int probeEvery;

  /**
   * @param inputsPerConnection inputs sent on one connection before it is replaced
   * @param probeEvery inputs between two liveness probes
   */
  public FuzzDriver(int port, int inputsPerConnection, int probeEvery) {
    this.port = port;
    this.inputsPerConnection = inputsPerConnection;
    this.probeEvery = probeEvery;
  }

  /**
   * Sends {@code count} inputs of {@code seed}.
   *
   * @throws IllegalStateException when the node stops answering; the message names the seed and
   *     the range of inputs since the last good probe, which {@link FuzzInputs} regenerates
   */
  public Result run(long seed, long count) throws IOException {
    FuzzInputs inputs = new FuzzInputs(seed);
    long start = System.nanoTime();
    long bytes = 0;
    long connections = 0;
    long closedByNode = 0;
    long probes = 0;
    long lastGoodProbe = 0;
    Sink sink = null;
    try {
      for (long i = 0; i < count; i++) {
        byte[] input = inputs.next();
        if (sink == null || sink.sent >= inputsPerConnection) {
          if (sink != null) {
            sink.close();
          }
          sink = new Sink(port);
          connections++;
        }
        if (!sink.send(input)) {
          closedByNode++;
          sink.close();
          sink = null;
        }
        bytes += input.length;
        if ((i + 1) % probeEvery == 0 || i + 1 == count) {
          probes++;
          if (!Probe.answersVersion(port, PROBE_TIMEOUT)) {
            throw new IllegalStateException("the node stopped answering version after input " + i + " (seed "
                + seed + "; last good probe after input " + lastGoodProbe + ")");
          }
          lastGoodProbe = i;
        }
      }
    } finally {
      if (sink != null) {
        sink.close();
      }
    }
    return new Result(count, bytes, connections, closedByNode, probes, Duration.ofNanos(System.nanoTime() - start));
  }

  /** One connection: inputs go out, replies are drained and dropped. */
  private static final class Sink implements AutoCloseable {
    private final Socket socket;
    private final Thread drain;
    int sent;

    Sink(int port) throws IOException {
      socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setTcpNoDelay(true);
      InputStream in = socket.getInputStream();
      drain = new Thread(() -> drain(in), "fuzz-drain");
      drain.setDaemon(true);
      drain.start();
    }

    /** False when the node has closed the connection. */
    boolean send(byte[] input) {
      sent++;
      try {
        socket.getOutputStream().write(input);
        return true;
      } catch (IOException e) {
        return false;
      }
    }

    private static void drain(InputStream in) {
      byte[] buffer = new byte[64 * 1024];
      try {
        while (in.read(buffer) >= 0) {
          // replies are not checked here: the hostile corpus checks exact replies
        }
      } catch (IOException e) {
        log.trace("drain ended: {}", e.getMessage());
      }
    }

    /** Half-closes, so the node reads every input before it sees the end, then waits for its close. */
    @Override
    public void close() throws IOException {
      try {
        socket.shutdownOutput();
      } catch (IOException e) {
        log.trace("the node already closed: {}", e.getMessage());
      }
      try {
        drain.join(5_000);
        socket.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        socket.close();
      }
    }
  }
}
