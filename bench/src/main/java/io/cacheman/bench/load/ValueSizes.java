package io.cacheman.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The values a run stores: one size ({@code 100}) or a weighted mix ({@code 100:0.9,10240:0.1}).
 * One value of each size is generated up front from a fixed seed, so every client stores the
 * same bytes and no run allocates values.
 *
 * <p>Immutable and shared by all worker threads.
 */
public final class ValueSizes {
  /** memcached's default item size limit; larger values would be refused by the server. */
  public static final int MAX_VALUE_SIZE = 1024 * 1024 - 512;

  private final String spec;
  private final byte[][] values;
  private final double[] cumulativeWeight;

  private ValueSizes(String spec, List<Integer> sizes, List<Double> weights) {
    this.spec = spec;
    values = new byte[sizes.size()][];
    cumulativeWeight = new double[sizes.size()];
    double total = weights.stream().mapToDouble(Double::doubleValue).sum();
    double running = 0;
    SplittableRandom random = new SplittableRandom(0x5EED);
    for (int i = 0; i < values.length; i++) {
      values[i] = printableBytes(sizes.get(i), random);
      running += weights.get(i) / total;
      cumulativeWeight[i] = running;
    }
    cumulativeWeight[values.length - 1] = 1.0;
  }

  /**
   * Parses {@code SIZE} or {@code SIZE:WEIGHT,SIZE:WEIGHT,...} (weights need not add up to 1).
   *
   * @throws IllegalArgumentException with a one-sentence reason for a malformed mix
   */
  public static ValueSizes parse(String spec) {
    List<Integer> sizes = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    String[] parts = spec.trim().split(",");
    for (String part : parts) {
      String[] sizeAndWeight = part.trim().split(":");
      if (sizeAndWeight.length > 2 || (parts.length > 1 && sizeAndWeight.length != 2)) {
        throw new IllegalArgumentException(
            "value size must be SIZE or SIZE:WEIGHT,SIZE:WEIGHT..., as in 100:0.9,10240:0.1, was '" + spec + "'");
      }
      int size = (int) parseNumber(sizeAndWeight[0], spec, true);
      double weight = sizeAndWeight.length == 2 ? parseNumber(sizeAndWeight[1], spec, false) : 1.0;
      if (size < 1 || size > MAX_VALUE_SIZE) {
        throw new IllegalArgumentException("value size must be 1.." + MAX_VALUE_SIZE + " bytes, was " + size);
      }
      if (!(weight > 0)) {
        throw new IllegalArgumentException("value size weight must be above 0, was " + sizeAndWeight[1]);
      }
      sizes.add(size);
      weights.add(weight);
    }
    return new ValueSizes(spec.trim(), sizes, weights);
  }

  private static double parseNumber(String text, String spec, boolean whole) {
    try {
      return whole ? Integer.parseInt(text.trim()) : Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("value size mix has a non-number '" + text.trim() + "' in '" + spec + "'");
    }
  }

  /** A value drawn by the mix's weights. */
  public byte[] pick(SplittableRandom random) {
    return values.length == 1 ? values[0] : byWeight(random.nextDouble());
  }

  /** The value preloaded under key {@code index}: drawn by weight, but the same every run. */
  public byte[] forKey(int index) {
    if (values.length == 1) {
      return values[0];
    }
    long h = index * 0x9E3779B97F4A7C15L;
    h ^= h >>> 29;
    return byWeight((h >>> 11) * 0x1.0p-53);
  }

  /** The mean value size in bytes, by weight. */
  public double meanSize() {
    double mean = 0;
    double previous = 0;
    for (int i = 0; i < values.length; i++) {
      mean += values[i].length * (cumulativeWeight[i] - previous);
      previous = cumulativeWeight[i];
    }
    return mean;
  }

  /** The first size of the mix: what the canned server answers with. */
  public int firstSize() {
    return values[0].length;
  }

  private byte[] byWeight(double u) {
    for (int i = 0; i < cumulativeWeight.length - 1; i++) {
      if (u < cumulativeWeight[i]) {
        return values[i];
      }
    }
    return values[values.length - 1];
  }

  private static byte[] printableBytes(int size, SplittableRandom random) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) ('a' + random.nextInt(26));
    }
    return b;
  }

  @Override
  public String toString() {
    return spec;
  }
}
