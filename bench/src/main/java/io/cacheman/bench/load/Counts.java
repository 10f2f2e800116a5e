package io.cacheman.bench.load;

/**
 * Completed operations, by outcome. Gets and sets count successes only; a failed call counts
 * once in {@code errors}.
 *
 * @param gets gets answered (hits and misses)
 * @param hits gets that found a value
 * @param sets sets stored (including those made by set-on-miss)
 * @param errors calls that threw, timed out or were not stored
 */
public record Counts(long gets, long hits, long sets, long errors) {
  /** No operations. */
  public static final Counts ZERO = new Counts(0, 0, 0, 0);

  /** The operations in this snapshot that were not yet in {@code earlier}. */
  public Counts minus(Counts earlier) {
    return new Counts(gets - earlier.gets, hits - earlier.hits, sets - earlier.sets, errors - earlier.errors);
  }

  /** Both snapshots' operations together. */
  public Counts plus(Counts other) {
    return new Counts(gets + other.gets, hits + other.hits, sets + other.sets, errors + other.errors);
  }

  /** Successful operations (a get with its set-on-miss counts as one request, its set as one more). */
  public long operations() {
    return gets + sets;
  }

  /** Share of gets that hit, or NaN without gets. */
  public double hitRatio() {
    return gets == 0 ? Double.NaN : (double) hits / gets;
  }
}
