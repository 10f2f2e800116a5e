package io.cacheman.server.internal.store;

/**
 * Layout of a stored item: one chunk of a slab page ({@link SlabPages}) holding a 46-byte header,
 * the key, and the value followed by {@code \r\n}, so a {@code get} can send value and line end as
 * one slice. The header also carries the item's links in its segment's hash chain and recency
 * queue, so the store's index on the Java heap is nothing but the hash buckets.
 *
 * <pre>
 * offset 0   cas unique          8 bytes
 * offset 8   hash of the key     4
 * offset 12  hash chain          4 (next handle in the bucket; next free chunk while free)
 * offset 16  recency: previous   4
 * offset 20  recency: next       4
 * offset 24  flags               4 (unsigned 32-bit)
 * offset 28  expiry              4 (unix seconds, unsigned; 0 = never)
 * offset 32  value length        4 (without the \r\n)
 * offset 36  references          4 (see below)
 * offset 40  key length          1 (1..250)
 * offset 41  meta                1 (fetched bit, LFU counter)
 * offset 42  access              4 (meta protocol state bits, last access second; see below)
 * offset 46  key, then value, then \r\n
 * </pre>
 *
 * <p>Access: the low 29 bits are the unix second of the item's last store or hit, modulo 2^29
 * (only differences of a few years are ever read: {@code mg … l}); bit 29 marks the item stale
 * ({@code md … I}), bit 30 that a win token was handed out for it ({@code mg} W, later Z), bit
 * 31 that its key came base64-encoded ({@code b}), so a {@code k} flag echoes it encoded again.
 * memcached keeps the same four facts in its item header.
 *
 * <p>References: bit 31 is set while the item is in its segment's table, bit 30 while its chunk
 * is reserved for a value still arriving, and the low bits count the connections whose queued
 * replies point into the chunk. The chunk is freed when all three are gone; 0 means free. The
 * field changes only under the item's segment lock (or, for a reserved chunk, by its owner).
 */
public final class Items {
  static final int CAS = 0;
  static final int HASH = 8;
  static final int CHAIN = 12;
  static final int PREV = 16;
  static final int NEXT = 20;
  static final int FLAGS = 24;
  static final int EXPIRY = 28;
  static final int VALUE_LENGTH = 32;
  static final int REFS = 36;
  static final int KEY_LENGTH = 40;
  static final int META = 41;
  static final int ACCESS = 42;
  /** Offset of the first key byte; also the header size. */
  static final int HEADER = 46;
  static final int STALE = 1 << 29;
  static final int WIN_SENT = 1 << 30;
  static final int KEY_BINARY = 1 << 31;
  static final int ACCESS_TIME = STALE - 1;
  /** Longest key the protocol allows. */
  public static final int MAX_KEY_LENGTH = 250;

  static final int LINKED = 1 << 31;
  static final int RESERVED = 1 << 30;
  static final int READERS = RESERVED - 1;

  private Items() {}

  /** Bytes of a chunk holding a key of {@code keyLen} and a value of {@code valueLen}. */
  static long size(int keyLen, long valueLen) {
    return HEADER + keyLen + valueLen + 2;
  }

  /**
   * Size memcached 1.6 gives an item when it checks {@code -I}: a 56-byte header (with cas), key
   * plus NUL, 4 bytes for non-zero flags, value plus {@code \r\n}. Using its formula makes the
   * largest accepted value identical on both servers.
   */
  public static long memcachedSize(int keyLen, int flags, long valueLen) {
    return 56L + keyLen + 1 + (flags != 0 ? 4 : 0) + valueLen + 2;
  }

  static long cas(SlabPages m, int h) {
    return m.getLong(h, CAS);
  }

  static void setCas(SlabPages m, int h, long cas) {
    m.putLong(h, CAS, cas);
  }

  static int hash(SlabPages m, int h) {
    return m.getInt(h, HASH);
  }

  /** Flags as an unsigned 32-bit value. */
  static long flags(SlabPages m, int h) {
    return Integer.toUnsignedLong(m.getInt(h, FLAGS));
  }

  static int expiry(SlabPages m, int h) {
    return m.getInt(h, EXPIRY);
  }

  static void setExpiry(SlabPages m, int h, int expiry) {
    m.putInt(h, EXPIRY, expiry);
  }

  static int keyLength(SlabPages m, int h) {
    return m.getByte(h, KEY_LENGTH) & 0xff;
  }

  static int valueLength(SlabPages m, int h) {
    return m.getInt(h, VALUE_LENGTH);
  }

  /** Offset of the first value byte within the chunk. */
  static int valueOffset(SlabPages m, int h) {
    return HEADER + keyLength(m, h);
  }

  /** Bytes in use in the chunk: header, key, value and {@code \r\n}. */
  static int used(SlabPages m, int h) {
    return HEADER + keyLength(m, h) + valueLength(m, h) + 2;
  }

  static int refs(SlabPages m, int h) {
    return m.getInt(h, REFS);
  }

  static void setRefs(SlabPages m, int h, int refs) {
    m.putInt(h, REFS, refs);
  }

  /** Writes the header fields of a new item and its key; links and cas are set when stored. */
  static void init(SlabPages m, int h, int hash, byte[] key, int keyOff, int keyLen, int flags,
      int expiry, int valueLen) {
    m.putInt(h, HASH, hash);
    m.putInt(h, FLAGS, flags);
    m.putInt(h, EXPIRY, expiry);
    m.putInt(h, VALUE_LENGTH, valueLen);
    m.putByte(h, KEY_LENGTH, (byte) keyLen);
    m.putByte(h, META, (byte) 0);
    m.putInt(h, ACCESS, 0);
    m.write(h, HEADER, key, keyOff, keyLen);
  }

  static int access(SlabPages m, int h) {
    return m.getInt(h, ACCESS);
  }

  static void setAccess(SlabPages m, int h, int access) {
    m.putInt(h, ACCESS, access);
  }

  /** Records a store or a hit at {@code nowSeconds}, keeping the state bits. */
  static void accessedAt(SlabPages m, int h, long nowSeconds) {
    int a = m.getInt(h, ACCESS);
    m.putInt(h, ACCESS, (a & ~ACCESS_TIME) | (int) (nowSeconds & ACCESS_TIME));
  }

  /** Whole seconds since the item's last store or hit. */
  static long secondsSinceAccess(SlabPages m, int h, long nowSeconds) {
    return (nowSeconds - m.getInt(h, ACCESS)) & ACCESS_TIME;
  }

  /** True when the item's expiry (unsigned unix seconds, 0 = never) is at or before now. */
  static boolean isExpired(SlabPages m, int h, long nowSeconds) {
    int expiry = expiry(m, h);
    return expiry != 0 && Integer.toUnsignedLong(expiry) <= nowSeconds;
  }

  static boolean keyEquals(SlabPages m, int h, byte[] key, int keyOff, int keyLen) {
    return keyLength(m, h) == keyLen && m.equals(h, HEADER, key, keyOff, keyLen);
  }

  /** True when the item's value ends with {@code \r\n}, as a data block must. */
  static boolean endsWithCrlf(SlabPages m, int h) {
    int end = used(m, h);
    return m.getByte(h, end - 2) == '\r' && m.getByte(h, end - 1) == '\n';
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
