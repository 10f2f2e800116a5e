package io.cacheman.internal.routing;

/**
 * The 32-bit FNV-1a hash: offset basis 2166136261, prime 16777619, {@code h ^= byte; h *= prime}
 * per byte, bytes taken unsigned. libmemcached's {@code fnv1a_32} agrees on ASCII keys (for bytes
 * of 0x80 and above it sign-extends, a C {@code char} quirk we do not copy).
 */
public final class Fnv1a32 {
  private static final int OFFSET_BASIS = 0x811c9dc5;
  private static final int PRIME = 0x01000193;

  private Fnv1a32() {}

  /** The hash of all of {@code key}, as an int to be read unsigned. */
  public static int hash(byte[] key) {
    int h = OFFSET_BASIS;
    for (byte b : key) {
      h ^= b & 0xff;
      h *= PRIME;
    }
    return h;
  }
}
