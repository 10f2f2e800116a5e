package io.cacheman.bench.jmh;

import io.cacheman.internal.protocol.ProtocolException;
import io.cacheman.internal.protocol.ReplyReader;
import io.cacheman.internal.protocol.RetrievalCommand;
import io.cacheman.internal.protocol.StorageCommand;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import net.spy.memcached.ops.GetOperation;
import net.spy.memcached.ops.Operation;
import net.spy.memcached.ops.OperationState;
import net.spy.memcached.ops.OperationStatus;
import net.spy.memcached.ops.StoreOperation;
import net.spy.memcached.ops.StoreType;
import net.spy.memcached.protocol.ascii.AsciiOperationFactory;
import okio.Buffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The client's codec without a network (Lettuce's habit): encoding a {@code get} and a 100-byte
 * {@code set}, and decoding a {@code get} hit, in Cacheman's codec and in spymemcached's ASCII
 * operations as the baseline. Both start from the key and value the application hands over.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ClientCodecBenchmark {
  private static final String KEY = "key:000000004711";

  @Param({"cacheman", "spymemcached"})
  public String codec;

  private final AsciiOperationFactory spy = new AsciiOperationFactory();
  private final Buffer sink = new Buffer();
  private byte[] value;
  private byte[] getReply;

  private static final GetOperation.Callback IGNORE_GET = new GetOperation.Callback() {
    @Override
    public void gotData(String key, int flags, byte[] data) {
      // Decoding is what is measured; the value is dropped.
    }

    @Override
    public void receivedStatus(OperationStatus status) {
      // Nothing to do: the decode is what is measured.
    }

    @Override
    public void complete() {
      // Nothing to do.
    }
  };

  private static final StoreOperation.Callback IGNORE = new StoreOperation.Callback() {
    @Override
    public void gotData(String key, long cas) {
      // Nothing to do: the encode is what is measured.
    }

    @Override
    public void receivedStatus(OperationStatus status) {
      // Nothing to do: the encode is what is measured.
    }

    @Override
    public void complete() {
      // Nothing to do.
    }
  };

  /** Builds the inputs once per trial, outside the measured code. */
  @Setup
  public void setUp() {
    value = new byte[100];
    Arrays.fill(value, (byte) 'v');
    getReply = ("VALUE " + KEY + " 0 100\r\n" + "v".repeat(100) + "\r\nEND\r\n").getBytes(StandardCharsets.US_ASCII);
    checkDecodesCompletely();
  }

  /** Guards against measuring a decoder that gave up: the reply must decode to a finished hit. */
  private void checkDecodesCompletely() {
    try {
      Object decoded = decodeGetHit();
      boolean done = codec.equals("cacheman")
          ? ((io.cacheman.internal.protocol.Item[]) decoded)[0].data().length == 100
          : decoded == OperationState.COMPLETE;
      if (!done) {
        throw new IllegalStateException(codec + " did not decode the get reply to a hit: " + decoded);
      }
    } catch (Exception e) {
      throw new IllegalStateException(codec + " could not decode the get reply: " + e.getMessage(), e);
    }
  }

  /** {@code get <key>\r\n}. */
  @Benchmark
  public Object encodeGet() {
    if (codec.equals("cacheman")) {
      RetrievalCommand.of(RetrievalCommand.Kind.GET, KEY.getBytes(StandardCharsets.UTF_8)).encode(sink);
      long n = sink.size();
      sink.clear();
      return n;
    }
    Operation op = spy.get(KEY, IGNORE_GET);
    op.initialize();
    return op.getBuffer();
  }

  /** {@code set <key> 0 0 100\r\n<value>\r\n}. */
  @Benchmark
  public Object encodeSet() {
    if (codec.equals("cacheman")) {
      StorageCommand.of(StorageCommand.Kind.SET, KEY.getBytes(StandardCharsets.UTF_8), 0, 0, value).encode(sink);
      long n = sink.size();
      sink.clear();
      return n;
    }
    Operation op = spy.store(StoreType.set, KEY, 0, 0, value, IGNORE);
    op.initialize();
    return op.getBuffer();
  }

  /** {@code VALUE <key> 0 100\r\n<value>\r\nEND\r\n} read into the command's result. */
  @Benchmark
  public Object decodeGetHit() throws Exception {
    if (codec.equals("cacheman")) {
      RetrievalCommand get = RetrievalCommand.of(RetrievalCommand.Kind.GET, KEY.getBytes(StandardCharsets.UTF_8));
      sink.write(getReply);
      if (!get.decode(new ReplyReader(sink, 1 << 20))) {
        throw new ProtocolException("incomplete reply");
      }
      return get.result();
    }
    Operation op = spy.get(KEY, IGNORE_GET);
    op.initialize();
    op.writing();
    op.writeComplete();
    op.readFromBuffer(ByteBuffer.wrap(getReply));
    return op.getState();
  }
}
