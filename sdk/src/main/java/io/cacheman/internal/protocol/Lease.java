package io.cacheman.internal.protocol;

/**
 * What a lease read ({@link LeaseGetCommand}) found: the item, and memcached's lease flags. Only a
 * node that speaks the meta protocol hands out leases: from a text node every reply is a plain hit
 * or miss ({@link #leased()} false).
 *
 * @param item the value, or null on a plain miss; a placeholder ({@link #placeholder()}) holds none
 * @param leased whether the reply came with lease information (a meta node)
 * @param win {@code W}: this caller is the one in the fleet to load or reload the value
 * @param stale {@code X}: the value was invalidated and is served while someone reloads it
 * @param taken {@code Z}: another caller already won the right to (re)load it
 */
public record Lease(Item item, boolean leased, boolean win, boolean stale, boolean taken) {

  /**
   * The empty item a miss creates to hold the lease: no value yet. (A real empty value stored with
   * flags 0 looks the same; under a lease it is reloaded, or waited for, like a miss.)
   */
  public boolean placeholder() {
    return leased && item != null && !stale && item.data().length == 0 && item.flags() == 0;
  }

  /** A value that may be returned as it is: a hit, or the stale or still-valid value someone else reloads. */
  public boolean servable() {
    return item != null && !placeholder();
  }
}
