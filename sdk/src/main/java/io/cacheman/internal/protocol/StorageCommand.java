package io.cacheman.internal.protocol;

import okio.Buffer;

/**
 * {@code set}, {@code add}, {@code replace}, {@code append}, {@code prepend} and {@code cas}
 * (memcached {@code protocol.txt} "Storage commands"): a command line, then the data block.
 *
 * <p>Replies: {@code STORED}, {@code NOT_STORED}; for {@code cas} also {@code EXISTS} and
 * {@code NOT_FOUND}. A {@code SERVER_ERROR} (object too large, out of memory) leaves the
 * connection usable, since the server swallows the data block; an {@code ERROR} or
 * {@code CLIENT_ERROR} does not, since the server may have read the block as commands.
 */
public final class StorageCommand extends Command<StoreStatus> {
  /** Which storage command to send. */
  public enum Kind {
    SET(""), ADD(" ME"), REPLACE(" MR"), APPEND(" MA"), PREPEND(" MP"), CAS("");

    private final byte[] prefix = ascii(name().toLowerCase(java.util.Locale.ROOT) + " ");
    private final byte[] metaMode;

    Kind(String metaMode) {
      this.metaMode = ascii(metaMode);
    }
  }

  private static final byte[][] REPLIES = {ascii("STORED"), ascii("NOT_STORED"), ascii("EXISTS"), ascii("NOT_FOUND")};
  /** The meta replies, in the order of {@link StoreStatus}. */
  private static final byte[][] META_REPLIES = {ascii("HD"), ascii("NS"), ascii("EX"), ascii("NF")};
  private static final byte[] MS = ascii("ms ");
  private static final StoreStatus[] STATUSES = StoreStatus.values();

  private final Kind kind;
  private final byte[] key;
  private final int flags;
  private final long exptime;
  private long lifetimeCap;
  private final byte[] data;
  private final long casUnique;
  private boolean meta;

  private StorageCommand(Kind kind, byte[] key, int flags, long exptime, byte[] data, long casUnique) {
    this.kind = kind;
    this.key = key;
    this.flags = flags;
    this.exptime = exptime;
    this.data = data;
    this.casUnique = casUnique;
  }

  /** Any storage command but {@code cas}. */
  public static StorageCommand of(Kind kind, byte[] key, int flags, long exptime, byte[] data) {
    if (kind == Kind.CAS) {
      throw new IllegalArgumentException("use StorageCommand.cas for cas");
    }
    return new StorageCommand(kind, key, flags, exptime, data, 0);
  }

  /** {@code cas}: store only if the item's CAS unique is still {@code casUnique}. */
  public static StorageCommand cas(byte[] key, int flags, long exptime, byte[] data, long casUnique) {
    return new StorageCommand(Kind.CAS, key, flags, exptime, data, casUnique);
  }

  @Override
  public String name() {
    return kind.name().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public void capLifetime(long maxSeconds) {
    lifetimeCap = maxSeconds;
  }

  @Override
  public void useMeta(boolean on) {
    meta = on;
  }

  @Override
  public void encode(Buffer sink) {
    encode(sink, sink::write);
  }

  @Override
  public void encode(Buffer sink, BlockSink blocks) {
    if (meta) {
      // ms <key> <bytes> F<flags> T<exptime> [M<mode>] [C<cas>]
      sink.write(MS).write(key).writeByte(' ').writeDecimalLong(data.length);
      sink.writeUtf8(" F").writeDecimalLong(flags & 0xFFFF_FFFFL);
      sink.writeUtf8(" T").writeDecimalLong(Lifetime.capped(exptime, lifetimeCap)).write(kind.metaMode);
      if (kind == Kind.CAS) {
        sink.writeUtf8(" C");
        writeUnsigned(sink, casUnique);
      }
      writeBlock(sink, blocks);
      return;
    }
    sink.write(kind.prefix).write(key).writeByte(' ');
    sink.writeDecimalLong(flags & 0xFFFF_FFFFL).writeByte(' ');
    sink.writeDecimalLong(Lifetime.capped(exptime, lifetimeCap)).writeByte(' ');
    sink.writeDecimalLong(data.length);
    if (kind == Kind.CAS) {
      sink.writeByte(' ');
      writeUnsigned(sink, casUnique);
    }
    writeBlock(sink, blocks);
  }

  private void writeBlock(Buffer sink, BlockSink blocks) {
    sink.write(CRLF);
    blocks.write(data);
    sink.write(CRLF);
  }

  @Override
  public boolean decode(ReplyReader reader) throws ProtocolException {
    int reply = oneLine(reader, meta ? META_REPLIES : REPLIES);
    if (reply == -2) {
      return false;
    }
    if (reply >= 2 && kind != Kind.CAS) {
      throw unexpected(reader);
    }
    return reply == -1 || complete(STATUSES[reply]);
  }

  @Override
  public boolean leavesStreamInDoubt() {
    return error() != null && !error().isServerError();
  }
}
