package io.cacheman;

/**
 * A value read with {@code gets}, together with the CAS unique that a later
 * {@link Cache#cas} must present.
 *
 * @param value the value read
 * @param casUnique the item's 64-bit CAS unique (unsigned; compare with {@link Long#compareUnsigned})
 * @param <V> the value type of the view that read it
 */
public record CasValue<V>(V value, long casUnique) {

  @Override
  public String toString() {
    return "CasValue{" + value + ", cas=" + Long.toUnsignedString(casUnique) + "}";
  }
}
