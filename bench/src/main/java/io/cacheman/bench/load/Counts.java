package io.cacheman.bench.load;

/**
 * Completed operations, by outcome. Gets and sets count successful calls; a failed call counts
 * once in {@code errors}. A multi-get is one get call that asks for {@code getKeys / gets} keys.
 *
 * @param gets get calls answered (single gets and multi-gets, hits and misses)
 * @param hits keys those gets found a value for (for single gets: the gets that hit)
 * @param sets sets stored (including those made by set-on-miss)
 * @param errors calls that threw, timed out or were not stored
 * @param getKeys keys those gets asked for (for single gets: the gets)
 */
public record Counts(long gets, long hits, long sets, long errors, long getKeys) {
  /** No operations. */
  public static final Counts ZERO = new Counts(0, 0, 0, 0, 0);

  /** Counts of single gets only: each get asked for one key. */
  public Counts(long gets, long hits, long sets, long errors) {
    this(gets, hits, sets, errors, gets);
  }

  /** The operations in this snapshot that were not yet in {@code earlier}. */
  public Counts minus(Counts earlier) {
    return new Counts(gets - earlier.gets, hits - earlier.hits, sets - earlier.sets, errors - earlier.errors,
        getKeys - earlier.getKeys);
  }

  /** Both snapshots' operations together. */
  public Counts plus(Counts other) {
    return new Counts(gets + other.gets, hits + other.hits, sets + other.sets, errors + other.errors,
        getKeys + other.getKeys);
  }

  /**
   * Successful calls (a get with its set-on-miss counts as one request, its set as one more; a
   * multi-get counts as one).
   */
  public long operations() {
    return gets + sets;
  }

  /** Keys read or written by the successful calls: each multi-get counts its keys, each set one. */
  public long keys() {
    return getKeys + sets;
  }

  /** Share of the keys asked for by gets that were found, or NaN without gets. */
  public double hitRatio() {
    return getKeys == 0 ? Double.NaN : (double) hits / getKeys;
  }
}
