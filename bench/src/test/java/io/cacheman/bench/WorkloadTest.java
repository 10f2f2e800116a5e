package io.cacheman.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.bench.load.Durations;
import io.cacheman.bench.load.KeyDistribution;
import io.cacheman.bench.load.KeySpace;
import io.cacheman.bench.load.ValueSizes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The parts a workload is made of parse strictly and draw what they promise. */
class WorkloadTest {

  @Test
  void keysAreSixteenBytesAndDistinct() {
    KeySpace keys = new KeySpace(1000);
    assertEquals("key:000000000000", keys.key(0));
    assertEquals("key:000000000999", keys.key(999));
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < keys.size(); i++) {
      assertEquals(KeySpace.KEY_LENGTH, keys.key(i).length());
      seen.add(keys.key(i));
    }
    assertEquals(1000, seen.size());
    byte[] into = new byte[KeySpace.KEY_LENGTH];
    assertEquals("key:002147483647", new String(KeySpace.write(Integer.MAX_VALUE, into), StandardCharsets.US_ASCII));
    assertEquals(keys.key(42), new String(KeySpace.write(42, into), StandardCharsets.US_ASCII));
  }

  @Test
  void zipfConcentratesRequestsOnFewKeysAndStaysInRange() {
    int n = 10_000;
    KeyDistribution zipf = KeyDistribution.parse("zipf:0.99", n);
    KeyDistribution uniform = KeyDistribution.parse("uniform", n);
    SplittableRandom random = new SplittableRandom(7);
    int[] zipfCounts = new int[n];
    int[] uniformCounts = new int[n];
    for (int i = 0; i < 200_000; i++) {
      zipfCounts[zipf.sample(random)]++;
      uniformCounts[uniform.sample(random)]++;
    }
    assertTrue(share(zipfCounts, 100) > 0.4, "with skew 0.99 the top 1% of keys take over 40% of requests");
    assertTrue(share(uniformCounts, 100) < 0.03, "uniform spreads them");
  }

  private static double share(int[] counts, int top) {
    int[] sorted = counts.clone();
    java.util.Arrays.sort(sorted);
    long total = 0;
    long topSum = 0;
    for (int i = 0; i < sorted.length; i++) {
      total += sorted[i];
      if (i >= sorted.length - top) {
        topSum += sorted[i];
      }
    }
    return (double) topSum / total;
  }

  @Test
  void zipfRanksAreScatteredOverTheKeySpace() {
    KeyDistribution zipf = KeyDistribution.parse("zipf:1.5", 1000);
    SplittableRandom random = new SplittableRandom(3);
    Set<Integer> hot = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      hot.add(zipf.sample(random));
    }
    assertTrue(hot.stream().anyMatch(k -> k > 500), "hot keys are not all at the start of the key space: " + hot);
  }

  @Test
  void aValueMixDrawsSizesByWeight() {
    ValueSizes mix = ValueSizes.parse("100:0.9,10240:0.1");
    SplittableRandom random = new SplittableRandom(1);
    int large = 0;
    for (int i = 0; i < 10_000; i++) {
      int size = mix.pick(random).length;
      assertTrue(size == 100 || size == 10240);
      large += size == 10240 ? 1 : 0;
    }
    assertTrue(large > 800 && large < 1200, "about 10% large values, was " + large);
    assertEquals(100 * 0.9 + 10240 * 0.1, mix.meanSize(), 1e-6);
    assertEquals(mix.forKey(42).length, mix.forKey(42).length, "preload values are the same every time");
    assertEquals(100, ValueSizes.parse("100").pick(random).length);
  }

  @Test
  void badSpecsAreRefusedWithAReason() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ValueSizes.parse("100:0.5,abc:0.5"))
        .getMessage().contains("abc"));
    assertThrows(IllegalArgumentException.class, () -> ValueSizes.parse("100,200"));
    assertThrows(IllegalArgumentException.class, () -> ValueSizes.parse("0"));
    assertThrows(IllegalArgumentException.class, () -> ValueSizes.parse("2000000"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> KeyDistribution.parse("zipf:x", 10))
        .getMessage().contains("zipf:0.99"));
    assertThrows(IllegalArgumentException.class, () -> KeyDistribution.parse("gauss", 10));
    assertThrows(IllegalArgumentException.class, () -> new KeySpace(0));
  }

  @Test
  void durationsReadTheShortForms() {
    assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
    assertEquals(Duration.ofMillis(1500), Durations.parse("1.5s"));
    assertEquals(Duration.ofMinutes(2), Durations.parse("2m"));
    assertEquals(Duration.ofSeconds(5), Durations.parse("PT5S"));
    assertEquals("1.5s", Durations.format(Duration.ofMillis(1500)));
    assertEquals("2m", Durations.format(Duration.ofMinutes(2)));
    assertThrows(IllegalArgumentException.class, () -> Durations.parse("soon"));
  }
}
