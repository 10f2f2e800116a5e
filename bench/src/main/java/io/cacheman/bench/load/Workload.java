package io.cacheman.bench.load;

/**
 * What a run asks of the cache: which keys, how they are picked, what values are stored, and
 * the share of gets.
 *
 * @param keys the key space
 * @param distribution how key indexes are drawn
 * @param values the value bytes sets store
 * @param getRatio share of operations that are gets (the rest are sets), 0..1
 * @param fillOnMiss whether a get that misses stores the key (cache-aside); the set is part of
 *     that operation's latency
 */
public record Workload(
    KeySpace keys, KeyDistribution distribution, ValueSizes values, double getRatio, boolean fillOnMiss) {

  /** Checks the ranges; the parts themselves validate on construction. */
  public Workload {
    if (!(getRatio >= 0 && getRatio <= 1)) {
      throw new IllegalArgumentException("get ratio must be between 0 and 1, was " + getRatio);
    }
    if (distribution.keyCount() != keys.size()) {
      throw new IllegalArgumentException("key distribution covers " + distribution.keyCount()
          + " keys but the key space has " + keys.size());
    }
  }

  @Override
  public String toString() {
    return keys.size() + " keys " + distribution + ", values " + values + " B, gets " + getRatio
        + (fillOnMiss ? ", set on miss" : "");
  }
}
