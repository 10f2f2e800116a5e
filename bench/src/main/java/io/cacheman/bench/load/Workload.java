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
 * @param multiGet keys per get call: 1 for single gets, more for one multi-get of that many
 *     distinct keys, each drawn from {@code distribution} (a key already in the call is replaced by
 *     the next unused index, so the call holds exactly {@code multiGet} keys)
 */
public record Workload(
    KeySpace keys, KeyDistribution distribution, ValueSizes values, double getRatio, boolean fillOnMiss,
    int multiGet) {

  /** Most keys one multi-get may ask for. */
  public static final int MAX_MULTI_GET = 100_000;

  /** Checks the ranges; the parts themselves validate on construction. */
  public Workload {
    if (!(getRatio >= 0 && getRatio <= 1)) {
      throw new IllegalArgumentException("get ratio must be between 0 and 1, was " + getRatio);
    }
    if (multiGet < 1 || multiGet > MAX_MULTI_GET || multiGet > keys.size()) {
      throw new IllegalArgumentException("keys per multi-get must be 1.." + Math.min(MAX_MULTI_GET, keys.size())
          + " (at most the number of keys), was " + multiGet);
    }
    if (multiGet > 1 && fillOnMiss) {
      throw new IllegalArgumentException("set-on-miss applies to single gets only, not to multi-gets of "
          + multiGet + " keys");
    }
    if (distribution.keyCount() != keys.size()) {
      throw new IllegalArgumentException("key distribution covers " + distribution.keyCount()
          + " keys but the key space has " + keys.size());
    }
  }

  /** A workload of single gets. */
  public Workload(KeySpace keys, KeyDistribution distribution, ValueSizes values, double getRatio,
      boolean fillOnMiss) {
    this(keys, distribution, values, getRatio, fillOnMiss, 1);
  }

  @Override
  public String toString() {
    return keys.size() + " keys " + distribution + ", values " + values + " B, gets " + getRatio
        + (multiGet > 1 ? " (multi-gets of " + multiGet + " keys)" : "") + (fillOnMiss ? ", set on miss" : "");
  }
}
