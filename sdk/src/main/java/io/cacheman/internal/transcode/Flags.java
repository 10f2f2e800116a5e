package io.cacheman.internal.transcode;

/**
 * The bits transcoders set in an item's 32-bit flags; the layout is documented on
 * {@link io.cacheman.Transcoders}. Bits 0 and 1 and the byte[] code mean what they mean to
 * spymemcached's {@code SerializingTranscoder}, so strings, byte arrays and serialized objects
 * (compressed or not) pass between the two clients.
 */
public final class Flags {
  /** A String, UTF-8. */
  public static final int STRING = 0;
  /** Java serialization. */
  public static final int SERIALIZED = 0x0001;
  /** gzip-compressed; combines with any of the others. */
  public static final int COMPRESSED = 0x0002;
  /** A byte[], stored as is. */
  public static final int BYTES = 0x0800;
  /** A Long as decimal ASCII, so {@code incr}/{@code decr} work on it. */
  public static final int LONG = 0x2000;
  /** An Integer as decimal ASCII, so {@code incr}/{@code decr} work on it. */
  public static final int INTEGER = 0x2100;

  private Flags() {}

  /** {@code flags} as a reader wants to see them in an error: {@code 0x2002}. */
  public static String hex(int flags) {
    return "0x" + Integer.toHexString(flags);
  }
}
