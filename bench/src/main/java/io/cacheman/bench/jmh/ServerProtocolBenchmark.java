package io.cacheman.bench.jmh;

import io.cacheman.server.Eviction;
import io.cacheman.server.ServerConfig;
import io.cacheman.server.internal.protocol.NodeContext;
import io.cacheman.server.internal.protocol.Output;
import io.cacheman.server.internal.protocol.ProtocolHandler;
import io.cacheman.server.internal.stats.ServerStats;
import io.cacheman.server.internal.store.ItemStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * server-minimal's command path without sockets: a read buffer of 64 pipelined commands parsed,
 * executed against the store and answered into the connection's output, which is then drained
 * into a channel that discards. Scores are per command. {@code get} hits a 100-byte value,
 * {@code set} stores one, {@code multiget} asks for 10 keys in one line.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ServerProtocolBenchmark {
  private static final int COMMANDS = 64;
  private static final int KEYS = 10_000;

  @Param({"get", "set", "multiget"})
  public String command;

  private byte[] input;
  private ProtocolHandler handler;
  private Output output;
  private final ByteBuffer scratch = ByteBuffer.allocateDirect(64 * 1024);
  private final long[] written = new long[1];
  private final WritableByteChannel discard = new WritableByteChannel() {
    @Override
    public int write(ByteBuffer src) {
      int n = src.remaining();
      src.position(src.limit());
      return n;
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void close() {
      // Nothing to release.
    }
  };

  /** Builds the inputs once per trial, outside the measured code. */
  @Setup
  public void setUp() throws IOException {
    ServerConfig config = ServerConfig.builder().port(0).eviction(Eviction.LRU).build();
    ServerStats stats = new ServerStats();
    ItemStore store = new ItemStore(1L << 30, config.maxItemSize(), config.eviction(), Clock.systemUTC(), stats);
    NodeContext node = new NodeContext(store, stats, config, "bench", () -> 1);
    output = new Output();
    handler = new ProtocolHandler(node, output);
    String value = "v".repeat(100);
    StringBuilder fill = new StringBuilder();
    for (int i = 0; i < KEYS; i++) {
      fill.append("set ").append(key(i)).append(" 0 0 100 noreply\r\n").append(value).append("\r\n");
    }
    run(fill.toString().getBytes(StandardCharsets.US_ASCII));
    checkAGetHits();
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int i = 0; i < COMMANDS; i++) {
      int k = (i * 7919) % KEYS;
      String line = switch (command) {
        case "get" -> "get " + key(k) + "\r\n";
        case "set" -> "set " + key(k) + " 0 0 100\r\n" + value + "\r\n";
        case "multiget" -> "get " + String.join(" ", java.util.stream.IntStream.range(0, 10)
            .mapToObj(j -> key((k + j * 997) % KEYS)).toList()) + "\r\n";
        default -> throw new IllegalArgumentException("unknown command " + command);
      };
      b.write(line.getBytes(StandardCharsets.US_ASCII));
    }
    input = b.toByteArray();
  }

  /** Guards against measuring error replies: the prefill must have stored what gets will ask for. */
  private void checkAGetHits() throws IOException {
    ByteArrayOutputStream reply = new ByteArrayOutputStream();
    WritableByteChannel capture = new WritableByteChannel() {
      @Override
      public int write(ByteBuffer src) {
        int n = src.remaining();
        byte[] b = new byte[n];
        src.get(b);
        reply.write(b, 0, n);
        return n;
      }

      @Override
      public boolean isOpen() {
        return true;
      }

      @Override
      public void close() {
        // Nothing to release.
      }
    };
    byte[] get = ("get " + key(KEYS - 1) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    handler.process(get, 0, get.length);
    output.flushTo(capture, scratch, written);
    String answer = reply.toString(StandardCharsets.US_ASCII);
    if (!answer.startsWith("VALUE " + key(KEYS - 1) + " 0 100\r\n")) {
      throw new IllegalStateException("the prefilled store does not answer a get: " + answer);
    }
  }

  private static String key(int i) {
    return String.format("key:%012d", i);
  }

  private int run(byte[] bytes) throws IOException {
    int pos = 0;
    while (pos < bytes.length) {
      pos = handler.process(bytes, pos, bytes.length);
      output.flushTo(discard, scratch, written);
    }
    return pos;
  }

  /** 64 pipelined commands, read, executed and answered. */
  @Benchmark
  @OperationsPerInvocation(COMMANDS)
  public int commands() throws IOException {
    return run(input);
  }
}
