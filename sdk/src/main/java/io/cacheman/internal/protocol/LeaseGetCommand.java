package io.cacheman.internal.protocol;

import okio.Buffer;

/**
 * The read of {@code getOrLoad}. In the meta protocol, {@code mg <key> v f c t N<lease>[ R<ahead>]}:
 * on a miss the node creates an empty placeholder and hands its lease ({@code W}) to exactly one
 * caller in the whole fleet, {@code Z} to the rest until the lease's TTL runs out; a stale value
 * ({@code X}, after an invalidation) or one within {@code ahead} seconds of its expiry also gets one
 * {@code W}. In the text protocol it is a plain {@code get}.
 */
public final class LeaseGetCommand extends Command<Lease> {
  private static final byte[] MG = ascii("mg ");

  private final byte[] key;
  private final long leaseSeconds;
  private final long aheadSeconds;
  private final RetrievalCommand text;
  private boolean meta;
  private Item item;
  private boolean win;
  private boolean stale;
  private boolean taken;
  private byte[] block;
  private int blockFilled = -1;

  /** @param aheadSeconds refresh a value this close to its expiry (0: never early) */
  public LeaseGetCommand(byte[] key, long leaseSeconds, long aheadSeconds) {
    this.key = key;
    this.leaseSeconds = leaseSeconds;
    this.aheadSeconds = aheadSeconds;
    this.text = RetrievalCommand.of(RetrievalCommand.Kind.GET, key);
  }

  @Override
  public String name() {
    return meta ? "mg" : "get";
  }

  @Override
  public void useMeta(boolean on) {
    meta = on;
  }

  @Override
  public boolean mutates() {
    return false; // a placeholder holds no value: writing one through a stand-in changes nothing a reader sees
  }

  @Override
  public void encode(Buffer sink) {
    if (!meta) {
      text.encode(sink);
      return;
    }
    sink.write(MG).write(key).writeUtf8(" v f c t N").writeDecimalLong(leaseSeconds);
    if (aheadSeconds > 0) {
      sink.writeUtf8(" R").writeDecimalLong(aheadSeconds);
    }
    sink.write(CRLF);
  }

  @Override
  public boolean decode(ReplyReader reader) throws ProtocolException {
    if (!meta) {
      if (!text.decode(reader)) {
        return false;
      }
      if (text.error() != null) {
        adopt(null, text.error());
        return true;
      }
      return complete(new Lease(text.result()[0], false, false, false, false));
    }
    if (blockFilled < 0) {
      if (!reader.readLine()) {
        return false;
      }
      if (reader.lineIs(MetaRetrieval.EN)) {
        return complete(new Lease(null, true, false, false, false));
      }
      if (!reader.lineStartsWith(MetaRetrieval.VA)) {
        if (errorLine(reader)) {
          return true;
        }
        throw unexpected(reader);
      }
      readValueLine(reader);
    }
    blockFilled = reader.fillBlock(block, blockFilled);
    if (blockFilled < block.length + 2) {
      return false;
    }
    Item found = new Item(item.flags(), block, item.cas());
    return complete(new Lease(found, true, win, stale, taken));
  }

  private void readValueLine(ReplyReader reader) throws ProtocolException {
    int size = reader.nextBlockSize();
    int flags = 0;
    long cas = 0;
    while (reader.hasMoreTokens()) {
      switch (reader.nextFlag()) {
        case 'f' -> flags = (int) reader.nextNumber(0xFFFF_FFFFL);
        case 'c' -> cas = reader.nextNumber(-1);
        case 'W' -> { win = true; reader.skipToken(); }
        case 'X' -> { stale = true; reader.skipToken(); }
        case 'Z' -> { taken = true; reader.skipToken(); }
        default -> reader.skipToken();
      }
    }
    item = new Item(flags, null, cas);
    block = new byte[size];
    blockFilled = 0;
  }

  @Override
  public void reset() {
    super.reset();
    text.reset();
    item = null;
    win = false;
    stale = false;
    taken = false;
    block = null;
    blockFilled = -1;
  }

  @Override
  public boolean leavesStreamInDoubt() {
    return meta && error() != null && error().line().equals("ERROR");
  }
}
