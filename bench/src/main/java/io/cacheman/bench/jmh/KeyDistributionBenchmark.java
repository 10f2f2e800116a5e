package io.cacheman.bench.jmh;

import io.cacheman.bench.load.KeyDistribution;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
 * What the load generator itself costs per request to pick a key: it must be far below a
 * request's latency (microseconds) or the bench would measure itself.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class KeyDistributionBenchmark {
  @Param({"uniform", "zipf:0.99"})
  public String distribution;

  @Param({"1000000"})
  public int keys;

  private KeyDistribution sampler;
  private SplittableRandom random;

  /** Builds the inputs once per trial, outside the measured code. */
  @Setup
  public void setUp() {
    sampler = KeyDistribution.parse(distribution, keys);
    random = new SplittableRandom(42);
  }

  /** One key index. */
  @Benchmark
  public int sample() {
    return sampler.sample(random);
  }
}
