package io.cacheman;

import java.util.Objects;

/**
 * A value read with {@code gets}, together with the CAS unique that a later
 * {@link Cache#cas} must present.
 */
public final class CasValue<V> {
  private final V value;
  private final long casUnique;

  /** A value read with its CAS unique. */
  public CasValue(V value, long casUnique) {
    this.value = value;
    this.casUnique = casUnique;
  }

  /** The value read. */
  public V value() {
    return value;
  }

  /** The item's 64-bit CAS unique (unsigned; compare with {@link Long#compareUnsigned}). */
  public long casUnique() {
    return casUnique;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CasValue
        && ((CasValue<?>) o).casUnique == casUnique
        && Objects.equals(((CasValue<?>) o).value, value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value, casUnique);
  }

  @Override
  public String toString() {
    return "CasValue{" + value + ", cas=" + Long.toUnsignedString(casUnique) + "}";
  }
}
