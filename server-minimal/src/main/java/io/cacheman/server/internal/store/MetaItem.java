package io.cacheman.server.internal.store;

/**
 * A live item as a meta command sees it from a {@link MetaVisitor}, under the item's segment lock:
 * the header fields the meta flags report and the state they change (expiry, stale mark, win
 * token). One instance per connection, rebound for every command; not thread-safe.
 */
public final class MetaItem {
  private SlabPages mem;
  private Segment seg;
  private int h;
  private long now;
  private boolean created;

  void bind(SlabPages mem, Segment seg, int h, long now, boolean created) {
    this.mem = mem;
    this.seg = seg;
    this.h = h;
    this.now = now;
    this.created = created;
  }

  /** True when this command created the item ({@code mg … N}, {@code ma … N}). */
  public boolean created() {
    return created;
  }

  /** The current unix second, the same for the whole command. */
  public long now() {
    return now;
  }

  /** Stored expiry: a unix second, 0 for never. */
  public int expiry() {
    return Items.expiry(mem, h);
  }

  public void setExpiry(int expiry) {
    seg.setExpiry(h, expiry);
  }

  /**
   * Seconds to live, -1 for never; as memcached's unsigned 32-bit subtraction, so an expiry just
   * set in the past (a negative TTL) reads as a huge number rather than a negative one.
   */
  public long secondsLeft() {
    int expiry = Items.expiry(mem, h);
    return expiry == 0 ? -1 : (Integer.toUnsignedLong(expiry) - now) & 0xffffffffL;
  }

  public long cas() {
    return Items.cas(mem, h);
  }

  /** Client flags, unsigned 32-bit. */
  public long flags() {
    return Items.flags(mem, h);
  }

  public int valueLength() {
    return Items.valueLength(mem, h);
  }

  /** Whether it was hit before this command. */
  public boolean fetched() {
    return seg.wasFetched(h);
  }

  /** Seconds since it was stored or last hit. */
  public long secondsSinceAccess() {
    return Items.secondsSinceAccess(mem, h, now);
  }

  public boolean stale() {
    return (Items.access(mem, h) & Items.STALE) != 0;
  }

  /** Whether a win token ({@code W}) was already handed out for it. */
  public boolean winSent() {
    return (Items.access(mem, h) & Items.WIN_SENT) != 0;
  }

  public void markWinSent() {
    Items.setAccess(mem, h, Items.access(mem, h) | Items.WIN_SENT);
  }

  /** Whether its key was stored base64-decoded ({@code b}), so it is echoed encoded. */
  public boolean keyBinary() {
    return (Items.access(mem, h) & Items.KEY_BINARY) != 0;
  }

  /** The size memcached 1.6 gives this item (header, key, flags, value). */
  public long memcachedSize() {
    return Items.memcachedSize(Items.keyLength(mem, h), (int) Items.flags(mem, h),
        Items.valueLength(mem, h));
  }
}
