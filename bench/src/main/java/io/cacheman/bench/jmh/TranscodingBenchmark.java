package io.cacheman.bench.jmh;

import io.cacheman.CachedData;
import io.cacheman.Transcoder;
import io.cacheman.Transcoders;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import net.spy.memcached.transcoders.SerializingTranscoder;
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
 * Value to bytes and back (encode + decode) for a string and for a serialized object, small and
 * above the 16 KiB compression threshold that Cacheman and spymemcached both default to (20000
 * bytes: spymemcached compresses only above it, Cacheman from it on). Baselines: spymemcached's
 * {@code SerializingTranscoder} and folsom's transcoders (which never compress).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TranscodingBenchmark {
  private static final int COMPRESSION_THRESHOLD = 16384;
  private static final String FILTER = "java.base/*;!*";
  private static final String[] WORDS = {"cache", "node", "key", "value", "ketama", "memcached", "pipeline",
      "latency", "throughput", "eviction", "segment", "socket"};

  @Param({"cacheman", "spymemcached", "folsom"})
  public String codec;

  @Param({"100", "20000"})
  public int size;

  private String text;
  private ArrayList<String> object;
  private UnaryOperator<Object> stringRoundTrip;
  private UnaryOperator<Object> objectRoundTrip;

  /** Builds the inputs once per trial, outside the measured code. */
  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(11);
    StringBuilder b = new StringBuilder(size);
    object = new ArrayList<>();
    while (b.length() < size) {
      String word = WORDS[random.nextInt(WORDS.length)];
      b.append(word).append(' ');
      object.add(word);
    }
    text = b.substring(0, size);
    switch (codec) {
      case "cacheman" -> {
        stringRoundTrip = cacheman(Transcoders.compressing(Transcoders.string(), COMPRESSION_THRESHOLD));
        objectRoundTrip = cacheman(Transcoders.objects(COMPRESSION_THRESHOLD, FILTER));
      }
      case "spymemcached" -> {
        SerializingTranscoder spy = new SerializingTranscoder();
        spy.setCompressionThreshold(COMPRESSION_THRESHOLD);
        stringRoundTrip = v -> spy.decode(spy.encode(v));
        objectRoundTrip = stringRoundTrip;
      }
      case "folsom" -> {
        com.spotify.folsom.transcoder.StringTranscoder strings = com.spotify.folsom.transcoder.StringTranscoder.UTF8_INSTANCE;
        com.spotify.folsom.transcoder.SerializableObjectTranscoder<Serializable> objects =
            com.spotify.folsom.transcoder.SerializableObjectTranscoder.getInstance();
        stringRoundTrip = v -> strings.decode(strings.encode((String) v));
        objectRoundTrip = v -> objects.decode(objects.encode((Serializable) v));
      }
      default -> throw new IllegalArgumentException("unknown codec " + codec);
    }
  }

  @SuppressWarnings("unchecked")
  private static UnaryOperator<Object> cacheman(Transcoder<?> transcoder) {
    Transcoder<Object> t = (Transcoder<Object>) transcoder;
    return v -> {
      CachedData d = t.encode(v);
      return t.decode(d);
    };
  }

  /** A UTF-8 string of {@code size} characters, encoded and decoded. */
  @Benchmark
  public Object string() {
    return stringRoundTrip.apply(text);
  }

  /** An {@code ArrayList<String>} of about {@code size} characters, serialized and read back. */
  @Benchmark
  public Object object() {
    return objectRoundTrip.apply(object);
  }
}
