package io.cacheman.server.internal.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Layout of a stored item: one {@code byte[]} holding a 17-byte header, the key and the value
 * followed by {@code \r\n}, so a {@code get} can send the value and its line end as one slice.
 *
 * <pre>
 * offset 0   cas unique      8 bytes
 * offset 8   flags           4 bytes (unsigned 32-bit)
 * offset 12  expiry          4 bytes (unix seconds, unsigned; 0 = never)
 * offset 16  key length      1 byte  (1..250)
 * offset 17  key, then value, then \r\n
 * </pre>
 *
 * <p>An item array is immutable once published, except for the expiry field, which {@code touch}
 * rewrites while holding the item's segment lock.
 */
public final class Items {
  static final int CAS = 0;
  static final int FLAGS = 8;
  static final int EXPIRY = 12;
  static final int KEY_LENGTH = 16;
  /** Offset of the first key byte; also the header size. */
  public static final int HEADER = 17;
  /** Longest key the protocol allows. */
  public static final int MAX_KEY_LENGTH = 250;

  /**
   * Bytes each item costs in the store's index besides its array: the slot's references and
   * links (item reference, hash, chain, two recency links, meta byte) and one hash bucket.
   */
  static final int INDEX_OVERHEAD = 4 + 4 + 4 + 4 + 4 + 1 + 4;
  /** JVM array header (mark word, class pointer, length) with compressed class pointers. */
  static final int ARRAY_HEADER = 16;

  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  private Items() {}

  /** Allocates an item whose value (plus its {@code \r\n}) is still to be filled in. */
  static byte[] allocate(byte[] key, int keyOff, int keyLen, int flags, int expiry, int valueLen) {
    byte[] item = new byte[HEADER + keyLen + valueLen + 2];
    INT.set(item, FLAGS, flags);
    INT.set(item, EXPIRY, expiry);
    item[KEY_LENGTH] = (byte) keyLen;
    System.arraycopy(key, keyOff, item, HEADER, keyLen);
    return item;
  }

  /** Memory the item costs in the store: its array, aligned to 8 bytes, plus index overhead. */
  public static long cost(byte[] item) {
    return costOfArray(item.length);
  }

  static long costOfArray(int arrayLength) {
    return ((ARRAY_HEADER + (long) arrayLength + 7) & ~7L) + INDEX_OVERHEAD;
  }

  /**
   * Size memcached 1.6 gives an item when it checks {@code -I}: a 56-byte header (with cas), key
   * plus NUL, 4 bytes for non-zero flags, value plus {@code \r\n}. Using its formula makes the
   * largest accepted value identical on both servers.
   */
  public static long memcachedSize(int keyLen, int flags, long valueLen) {
    return 56L + keyLen + 1 + (flags != 0 ? 4 : 0) + valueLen + 2;
  }

  public static long cas(byte[] item) {
    return (long) LONG.get(item, CAS);
  }

  static void setCas(byte[] item, long cas) {
    LONG.set(item, CAS, cas);
  }

  /** Flags as an unsigned 32-bit value. */
  public static long flags(byte[] item) {
    return Integer.toUnsignedLong((int) INT.get(item, FLAGS));
  }

  static int expiry(byte[] item) {
    return (int) INT.get(item, EXPIRY);
  }

  static void setExpiry(byte[] item, int expiry) {
    INT.set(item, EXPIRY, expiry);
  }

  public static int keyLength(byte[] item) {
    return item[KEY_LENGTH] & 0xff;
  }

  /** Offset of the first value byte. */
  public static int valueOffset(byte[] item) {
    return HEADER + keyLength(item);
  }

  /** Length of the value, without its {@code \r\n}. */
  public static int valueLength(byte[] item) {
    return item.length - HEADER - keyLength(item) - 2;
  }

  /** True when the item's expiry (unsigned unix seconds, 0 = never) is at or before now. */
  static boolean isExpired(byte[] item, long nowSeconds) {
    int expiry = expiry(item);
    return expiry != 0 && Integer.toUnsignedLong(expiry) <= nowSeconds;
  }

  static boolean keyEquals(byte[] item, byte[] key, int keyOff, int keyLen) {
    if (keyLength(item) != keyLen) {
      return false;
    }
    return java.util.Arrays.equals(item, HEADER, HEADER + keyLen, key, keyOff, keyOff + keyLen);
  }

  /** Hash of a key: a multiplicative hash finished with murmur3's mixer for well-spread bits. */
  static int hash(byte[] key, int off, int len) {
    int h = 0x9747b28c;
    for (int i = off, end = off + len; i < end; i++) {
      h = 31 * h + key[i];
    }
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}
